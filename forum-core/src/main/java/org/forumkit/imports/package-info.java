/**
 * Importing a site's history: a source ({@link org.forumkit.imports.ImportSource}) reads boards and whole threads,
 * {@code Forum.imports()} writes them through the store's own primitives, recording each in the import map so a
 * run can be repeated or resumed.
 */
package org.forumkit.imports;
