// Framework loader: writes the publication named by this file's path (data-loaders/publish/publications.ts).
import { publish } from "../../../../data-loaders/publish/publish.js";

await publish(import.meta.url);
