import { publish } from "../../data-loaders/publish/publish.js";

await publish("rpt_data_coverage");
