import { publish } from "../../../../data-loaders/publish/publish.js";

await publish("fct_metric_values-pgd");
