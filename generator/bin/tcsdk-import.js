#!/usr/bin/env node
import "../dist/import-cli.js";
