package org.forumkit.examples.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side HTML: Mustache templates, whose {@code {{…}}} escapes every value, so titles, names and other
 * plain-text fields can never become markup. Only a post's rendered body goes in raw ({@code {{{html}}}}): the
 * library's renderer made it safe when the post was written.
 */
final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("templates");
    private final Map<Locale, Map<String, String>> texts = new ConcurrentHashMap<>();

    String render(String template, Map<String, Object> scope) {
        Mustache mustache = factory.compile(template + ".mustache");
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    /** The UI texts of a language, keyed with {@code _} for {@code .} so templates can name them. */
    Map<String, String> texts(Locale locale) {
        return texts.computeIfAbsent(locale, l -> {
            ResourceBundle bundle = ResourceBundle.getBundle("org.forumkit.examples.ui", l,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> map = new TreeMap<>();
            for (String key : bundle.keySet()) {
                map.put(key.replace('.', '_'), bundle.getString(key));
            }
            return Map.copyOf(map);
        });
    }

    String text(Locale locale, String key, Object... args) {
        String pattern = texts(locale).get(key.replace('.', '_'));
        return pattern == null ? key : new java.text.MessageFormat(pattern, locale).format(args);
    }
}
