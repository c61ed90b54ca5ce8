#!/usr/bin/env node
import "../dist/update-model-cli.js";
