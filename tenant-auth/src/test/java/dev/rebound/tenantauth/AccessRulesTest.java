package dev.rebound.tenantauth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a request needs, decided on the routed path; a public path counts only in its plain spelling. */
class AccessRulesTest {

    private final AccessRules rules = new AccessRules(List.of("/actuator/health/**", "/v1/unsubscribe", "/openapi.yaml"));

    @ParameterizedTest(name = "{0} sent as {1} -> {2}")
    @CsvSource({
            "/actuator/health,           /actuator/health,             PUBLIC",
            "/actuator/health/liveness,  /actuator/health/liveness,    PUBLIC",
            "/v1/unsubscribe,            /v1/unsubscribe,              PUBLIC",
            "/openapi.yaml,              /openapi.yaml,                PUBLIC",
            "/v1/customers/c1,           /v1/customers/c1,             TENANT",
            "/v1/unsubscribe,            /v1/%75nsubscribe,            TENANT",
            "/v1/unsubscribe,            /v1;x=1/unsubscribe,          TENANT",
            "/v1/unsubscribe,            /x/../v1/unsubscribe,         TENANT",
            "/actuator/health,           /actuator/./health,           TENANT",
            "/v1/unsubscribe/more,       /v1/unsubscribe/more,         TENANT",
            "/actuator/env,              /actuator/env,                TENANT",
            "/error,                     /error,                       TENANT",
            "/admin/tenants/a/keys,      /admin/tenants/a/keys,        ADMIN",
            "/admin/tenants/a/keys,      /%61dmin/tenants/a/keys,      ADMIN",
            "/,                          /,                            TENANT"})
    void decides(String routed, String raw, AccessRules.Access expected) {
        assertThat(rules.decide(routed, raw)).isEqualTo(expected);
    }
}
