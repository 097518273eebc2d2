import { publish } from "../../data-loaders/publish/publish.js";

await publish("rpt_ingest_files");
