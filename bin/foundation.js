#!/usr/bin/env node
import { foundation } from "../dist/app/foundation.js";

process.exitCode = await foundation(process.argv.slice(2));
