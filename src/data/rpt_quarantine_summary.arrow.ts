import { publish } from "../../data-loaders/publish/publish.js";

await publish("rpt_quarantine_summary");
