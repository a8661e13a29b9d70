package dev.rebound.campaign.message;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/** Unsubscribe links signed with HMAC-SHA256 over tenant and customer. */
public final class HmacUnsubscribe implements Unsubscribe {

    private final String baseUrl;
    private final byte[] secret;

    public HmacUnsubscribe(String baseUrl, String secret) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String linkFor(String tenantId, String customerId) {
        return baseUrl + "/v1/unsubscribe?tenant=" + encode(tenantId) + "&customer=" + encode(customerId)
                + "&sig=" + signature(tenantId, customerId);
    }

    public boolean verify(String tenantId, String customerId, String signature) {
        return signature != null && MessageDigest.isEqual(signature(tenantId, customerId).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private String signature(String tenantId, String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((tenantId + ":" + customerId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
