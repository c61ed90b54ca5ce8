#!/usr/bin/env node
import "../dist/new-service-cli.js";
