package org.forumkit.examples.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The site's UI texts in 简体中文 and English, from {@code ui.properties} and {@code ui_zh_CN.properties}. */
@Component
final class Texts {
    private final Map<Locale, Map<String, String>> texts = new ConcurrentHashMap<>();

    /** The texts of a language, keyed with {@code _} for {@code .} so templates can name them ({@code t.nav_home}). */
    Map<String, String> of(Locale locale) {
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
        String pattern = of(locale).get(key.replace('.', '_'));
        return pattern == null ? key : new MessageFormat(pattern, locale).format(args);
    }
}
