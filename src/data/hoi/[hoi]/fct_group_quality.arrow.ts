import { publish } from "../../../../data-loaders/publish/publish.js";

await publish("fct_group_quality-union");
