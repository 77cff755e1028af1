/**
 * What every package may depend on: the exception that carries a documented exit code, the exit
 * codes themselves and the build's version. It depends on no other rapport package.
 */
package rapport.errors;
