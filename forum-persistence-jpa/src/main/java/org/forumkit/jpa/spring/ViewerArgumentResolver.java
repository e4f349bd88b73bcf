package org.forumkit.jpa.spring;

import java.util.Objects;
import org.forumkit.model.Viewer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Fills a controller method's {@link Viewer} parameter with the {@link ViewerResolver}'s current viewer. */
public final class ViewerArgumentResolver implements HandlerMethodArgumentResolver {
    private final ViewerResolver viewers;

    public ViewerArgumentResolver(ViewerResolver viewers) {
        this.viewers = Objects.requireNonNull(viewers, "viewers");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        // Only Viewer itself: a Viewer.Member parameter could not take an anonymous visitor.
        return parameter.getParameterType() == Viewer.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return viewers.currentViewer();
    }
}
