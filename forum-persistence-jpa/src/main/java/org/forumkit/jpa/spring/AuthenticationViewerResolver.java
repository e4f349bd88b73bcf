package org.forumkit.jpa.spring;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Turns a Spring Security {@link Authentication} into a {@link Viewer}: its name is the user id, the display name
 * comes from a configurable principal property (or OAuth2 attribute) and falls back to the name, and each granted
 * authority, less its role prefix ({@code ROLE_}), is a forum role. Anonymous and unauthenticated requests are
 * anonymous viewers.
 */
public final class AuthenticationViewerResolver implements ViewerResolver {
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final String displayNameProperty;
    private final String rolePrefix;

    /**
     * @param displayNameProperty the principal's property holding the display name, or {@code null} for the name
     * @param rolePrefix          cut from the start of each authority; empty to keep authorities as they are
     */
    public AuthenticationViewerResolver(String displayNameProperty, String rolePrefix) {
        this.displayNameProperty = displayNameProperty == null || displayNameProperty.isBlank()
                ? null : displayNameProperty;
        this.rolePrefix = Objects.requireNonNull(rolePrefix, "rolePrefix");
    }

    @Override
    public Viewer currentViewer() {
        return viewer(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The viewer {@code authentication} stands for; {@code null} is an anonymous viewer. */
    public Viewer viewer(Authentication authentication) {
        if (!trust.isAuthenticated(authentication)) {
            return Viewer.anonymous();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            if (authority != null && !authority.isBlank()) {
                roles.add(authority.startsWith(rolePrefix) ? authority.substring(rolePrefix.length()) : authority);
            }
        }
        String name = authentication.getName();
        return new Viewer.Member(UserId.of(name), displayName(authentication.getPrincipal(), name), roles);
    }

    private String displayName(Object principal, String name) {
        if (displayNameProperty == null || principal == null || principal instanceof String) {
            return name;
        }
        BeanWrapperImpl wrapper = new BeanWrapperImpl(principal);
        Object value = null;
        if (wrapper.isReadableProperty(displayNameProperty)) {
            value = wrapper.getPropertyValue(displayNameProperty);
        } else if (wrapper.isReadableProperty("attributes")
                && wrapper.getPropertyValue("attributes") instanceof Map<?, ?> attributes) {
            // OAuth2 / OIDC principals keep the user's claims in an attribute map.
            value = attributes.get(displayNameProperty);
        }
        return value == null || value.toString().isBlank() ? name : value.toString();
    }
}
