#!/usr/bin/env node
import "../dist/api-diff-cli.js";
