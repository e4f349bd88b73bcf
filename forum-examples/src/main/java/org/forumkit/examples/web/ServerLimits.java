package org.forumkit.examples.web;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Manager;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.session.ManagerBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The limits of the site's server that Spring Boot has no property for; the rest are {@code server.*} and
 * {@code forumkit.api.*} properties in application.properties (forum-examples/README.md, "Limits"). Tomcat's
 * session store holds at most {@code forumkit.demo.max-sessions} sessions: only signed-in visitors have one (the
 * CSRF token lives in a cookie, nothing else of an anonymous visit is kept), so the bound caps members signed in at
 * once, and past it a sign-in is answered 503 ({@link SessionLimit}) rather than growing the heap. What Tomcat refuses
 * itself is answered by {@link ContainerErrors}.
 */
@Configuration(proxyBeanMethods = false)
class ServerLimits {

    @Bean
    TomcatContextCustomizer sessionBound(@Value("${forumkit.demo.max-sessions:10000}") int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("forumkit.demo.max-sessions must be at least 1, not " + maxSessions);
        }
        return context -> {
            // Tomcat's own refusals: replace the host's HTML report (Spring Boot's included) before the host starts
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ContainerErrors.class.getName());
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ContainerErrors)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                    }
                });
            }
            Manager manager = context.getManager();
            if (manager == null) {
                manager = new org.apache.catalina.session.StandardManager();
                context.setManager(manager);
            }
            if (manager instanceof ManagerBase base) {
                base.setMaxActiveSessions(maxSessions);
            }
        };
    }

    /** Outside Spring Security, so that it sees the sign-in's refused session. */
    @Bean
    FilterRegistrationBean<SessionLimit> sessionLimit(Pages pages) {
        FilterRegistrationBean<SessionLimit> registration = new FilterRegistrationBean<>(new SessionLimit(pages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
