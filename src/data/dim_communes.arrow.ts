import { publish } from "../../data-loaders/publish/publish.js";

await publish("dim_communes");
