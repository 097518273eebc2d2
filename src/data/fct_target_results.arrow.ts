import { publish } from "../../data-loaders/publish/publish.js";

await publish("fct_target_results");
