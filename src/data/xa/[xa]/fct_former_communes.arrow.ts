import { publish } from "../../../../data-loaders/publish/publish.js";

await publish("fct_former_communes-commune");
