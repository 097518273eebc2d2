import { publish } from "../../data-loaders/publish/publish.js";

await publish("fct_inspections");
