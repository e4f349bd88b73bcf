/**
 * JSON for the public records: {@link org.forumkit.json.ForumJacksonModule} (register it with a Jackson
 * {@code ObjectMapper}; no other module needed) and {@link org.forumkit.json.ForumArchive}, a whole forum as one JSON
 * document exported from any store and imported losslessly into an empty one. Jackson is an optional dependency.
 */
package org.forumkit.json;
