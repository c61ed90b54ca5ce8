export { ExitCode } from "./exit-codes.js";
