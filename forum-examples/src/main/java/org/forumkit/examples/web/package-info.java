/**
 * The demo's web layer: its pages, its JSON API and the comments widget's endpoints, with the demo's own sign-in
 * whose user it passes into every Forumkit call, as a real site passes its signed-in user.
 */
package org.forumkit.examples.web;
