// The last step of `npm run build`: the digest of the built compiler's modules (dist/build-id.json), which a
// no-op recompile reads instead of hashing every module (src/compile/compiler-id.ts).
import { fileURLToPath } from "node:url";
import { writeBuildId } from "../dist/src/compile/compiler-id.js";

writeBuildId(fileURLToPath(new URL("../dist", import.meta.url)));
