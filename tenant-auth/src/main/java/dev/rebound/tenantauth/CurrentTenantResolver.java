package dev.rebound.tenantauth;

import dev.rebound.contracts.TenantId;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

/** Hands the tenant the API key named to any handler parameter of type {@link TenantId}. */
final class CurrentTenantResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(TenantId.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object tenant = webRequest.getAttribute(TenantAuthFilter.TENANT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (tenant == null) {
            // a handler that needs a tenant behind a public path: configuration error, never a tenant-less answer
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "this endpoint needs an API key");
        }
        return tenant;
    }
}
