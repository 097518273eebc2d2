import { publish } from "../../data-loaders/publish/publish.js";

await publish("fct_reconciliation_progress");
