package dev.rebound.contracts;

import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.SubscriptionCancelled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private static final EventValidator VALIDATOR = new EventValidator(CLOCK, Duration.ofMinutes(5));

    @TestFactory
    Stream<DynamicTest> everySampleIsValidAndReadsIntoItsRecord() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.wireName(), () -> {
            ObjectNode sample = sample(type);
            assertThat(VALIDATOR.validate(sample, false)).isEmpty();
            CloudEvent event = EventJson.fromTree(sample);
            assertThat(event.eventType()).isEqualTo(type);
            assertThat(EventJson.data(event, type.dataType())).isNotNull();
            CloudEvent roundTripped = EventJson.fromBytes(EventJson.toBytes(event));
            assertThat(roundTripped).isEqualTo(event);
        }));
    }

    @TestFactory
    Stream<DynamicTest> missingRequiredDataFieldIsReportedByName() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType type : EventType.values()) {
            for (JsonNode required : schema(type).path("required")) {
                String field = required.asString();
                tests.add(DynamicTest.dynamicTest(type.wireName() + " without " + field, () -> {
                    ObjectNode event = sample(type);
                    ((ObjectNode) event.get("data")).remove(field);
                    assertThat(VALIDATOR.validate(event, false))
                            .extracting(FieldError::field).contains("data." + field);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> wrongTypeOrOperatorInjectionInAnyDataFieldIsReportedByName() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType type : EventType.values()) {
            schema(type).path("properties").properties().forEach(property -> {
                String field = property.getKey();
                boolean objectField = "object".equals(property.getValue().path("type").asString(""));
                tests.add(DynamicTest.dynamicTest(type.wireName() + "." + field, () -> {
                    ObjectNode event = sample(type);
                    ObjectNode data = (ObjectNode) event.get("data");
                    if (objectField) {
                        data.put(field, "not an object");
                    } else {
                        data.putObject(field).put("$gt", "");
                    }
                    assertThat(VALIDATOR.validate(event, false))
                            .extracting(FieldError::field).contains("data." + field);
                }));
            });
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> envelopeFieldsAreRequired() {
        return Stream.of("specversion", "id", "source", "type", "subject", "data")
                .map(field -> DynamicTest.dynamicTest("without " + field, () -> {
                    ObjectNode event = sample(EventType.USAGE_SESSION);
                    event.remove(field);
                    assertThat(VALIDATOR.validate(event, true)).extracting(FieldError::field).contains(field);
                }));
    }

    @Test
    void unknownTypeAndOutputTypesAreNotAcceptedInbound() {
        ObjectNode unknown = sample(EventType.USAGE_SESSION).put("type", "usage.teleported");
        assertThat(VALIDATOR.validate(unknown, true))
                .containsExactly(new FieldError("type", "unknown event type 'usage.teleported'"));
        assertThat(VALIDATOR.validate(sample(EventType.RISK_TIER_CHANGED), true))
                .extracting(FieldError::field).containsExactly("type");
    }

    @Test
    void operatorInjectionAndHugeIdsAreRejected() {
        ObjectNode event = sample(EventType.USAGE_SESSION);
        event.putObject("subject").put("$gt", "");
        event.put("id", "$where: sleep(1000)");
        event.put("tenantid", "x".repeat(10_000));
        assertThat(VALIDATOR.validate(event, true)).extracting(FieldError::field)
                .contains("subject", "id", "tenantid");
        ObjectNode huge = sample(EventType.USAGE_SESSION).put("subject", "c".repeat(10_240));
        assertThat(VALIDATOR.validate(huge, true)).extracting(FieldError::field).containsExactly("subject");
    }

    @Test
    void amountsAreNonNegativeIntegerMinorUnitsInAKnownCurrency() {
        ObjectNode negative = sample(EventType.PAYMENT_FAILED);
        ((ObjectNode) negative.get("data")).put("amount", -100);
        assertThat(VALIDATOR.validate(negative, true)).extracting(FieldError::field).containsExactly("data.amount");

        ObjectNode fractional = sample(EventType.PAYMENT_FAILED);
        ((ObjectNode) fractional.get("data")).put("amount", 12.5);
        assertThat(VALIDATOR.validate(fractional, true)).extracting(FieldError::field).containsExactly("data.amount");

        ObjectNode unknownCurrency = sample(EventType.PAYMENT_FAILED);
        ((ObjectNode) unknownCurrency.get("data")).put("currency", "ZZZ");
        assertThat(VALIDATOR.validate(unknownCurrency, true))
                .containsExactly(new FieldError("data.currency", "unknown ISO-4217 currency 'ZZZ'"));
    }

    @Test
    void zeroDecimalCurrencyKeepsWholeUnits() {
        // 5,900,000 won and ¥1,234: whole units are the minor units; nothing is scaled on the way through the serde
        for (PaymentFailed sent : List.of(new PaymentFailed("in_krw", 5_900_000L, "KRW", "insufficient_funds", "pm", 1),
                new PaymentFailed("in_jpy", 1_234L, "JPY", "insufficient_funds", "pm", 1))) {
            CloudEvent event = EventJson.event("e-" + sent.invoiceId(), "/test", EventType.PAYMENT_FAILED,
                    java.time.Instant.parse("2026-11-20T10:00:00Z"), "acme", "cus_1", sent);
            byte[] wire = EventJson.toBytes(event);
            assertThat(VALIDATOR.validate(EventJson.readTree(wire), true)).isEmpty();
            PaymentFailed received = EventJson.data(EventJson.fromBytes(wire), PaymentFailed.class);
            assertThat(received.amount()).isEqualTo(sent.amount());
            assertThat(received.currency()).isEqualTo(sent.currency());
        }
        ObjectNode fractionalWon = sample(EventType.PAYMENT_FAILED);
        ((ObjectNode) fractionalWon.get("data")).put("currency", "KRW").put("amount", 59000.5);
        assertThat(VALIDATOR.validate(fractionalWon, true)).extracting(FieldError::field).contains("data.amount");
    }

    @Test
    void everyIntegerIsBoundedToWhatEveryConsumerCanHold() {
        ObjectNode beyond64Bits = sample(EventType.PAYMENT_FAILED);
        ((ObjectNode) beyond64Bits.get("data")).put("amount", new java.math.BigInteger("18446744073709551616"));
        assertThat(VALIDATOR.validate(beyond64Bits, true)).extracting(FieldError::field).containsExactly("data.amount");
        ObjectNode beyondSafeInteger = sample(EventType.PAYMENT_FAILED);
        ((ObjectNode) beyondSafeInteger.get("data")).put("amount", 9_007_199_254_740_992L);
        assertThat(VALIDATOR.validate(beyondSafeInteger, true)).extracting(FieldError::field).containsExactly("data.amount");
        ObjectNode attemptBeyondInt = sample(EventType.PAYMENT_FAILED);
        ((ObjectNode) attemptBeyondInt.get("data")).put("attempt", 2_147_483_648L);
        assertThat(VALIDATOR.validate(attemptBeyondInt, true)).extracting(FieldError::field).containsExactly("data.attempt");
        ObjectNode hugeCount = sample(EventType.USAGE_FEATURE_USED);
        ((ObjectNode) hugeCount.get("data")).put("count", 3_000_000_000L);
        assertThat(VALIDATOR.validate(hugeCount, true)).extracting(FieldError::field).containsExactly("data.count");
    }

    @Test
    void everyConsumerChecksTheEnvelopeTheSameWay() {
        CloudEvent good = EventJson.event("e-1", "/test", EventType.USAGE_SESSION, Instant.parse("2026-11-20T10:00:00Z"),
                "acme", "cus_1", new dev.rebound.contracts.data.UsageSession(60L));
        assertThat(EventJson.toBytes(Envelope.read(EventJson.toBytes(good)))).isEqualTo(EventJson.toBytes(good));
        for (CloudEvent bad : List.of(
                new CloudEvent("1.0", "e-2", "/t", "usage.session", good.time(), "cus_1", null, null, good.data()),
                new CloudEvent("1.0", "e-3", "/t", "usage.session", good.time(), "cus_1", null, "acme:eu", good.data()),
                new CloudEvent("1.0", "e-4", "/t", "usage.session", good.time(), null, null, "acme", good.data()),
                new CloudEvent("1.0", "e-5", "/t", "usage.session", null, "cus_1", null, "acme", good.data()),
                new CloudEvent("1.0", "e-6", "/t", "usage.nope", good.time(), "cus_1", null, "acme", good.data()))) {
            assertThatThrownBy(() -> Envelope.read(EventJson.toBytes(bad))).as(bad.id())
                    .isInstanceOf(EventFormatException.class).hasMessageContaining(bad.id());
        }
        assertThatThrownBy(() -> Envelope.read("not json".getBytes())).isInstanceOf(EventFormatException.class);
    }

    @Test
    void tenantIdsFollowOneRule() {
        assertThat(List.of("acme", "a", "acme-eu_1", "A".repeat(64))).allMatch(TenantId::isValid);
        assertThat(java.util.Arrays.asList("acme:eu", "acme/eu", "-acme", "", "a".repeat(65), "acme eu", "{\"$gt\":\"\"}", null))
                .noneMatch(TenantId::isValid);
        assertThatThrownBy(() -> TenantId.of("acme:eu")).hasMessageContaining(TenantId.RULE);
    }

    @Test
    void theCloudEventsJsonFormatRulesHold() {
        ObjectNode binaryData = sample(EventType.USAGE_SESSION);
        binaryData.put("data_base64", "AAAA");
        assertThat(VALIDATOR.validate(binaryData, true)).isNotEmpty();
        ObjectNode badExtensionName = sample(EventType.USAGE_SESSION);
        badExtensionName.put("TenantId", "acme");
        assertThat(VALIDATOR.validate(badExtensionName, true)).isNotEmpty();
        ObjectNode textData = sample(EventType.USAGE_SESSION);
        textData.put("datacontenttype", "text/plain");
        assertThat(VALIDATOR.validate(textData, true)).extracting(FieldError::field).containsExactly("datacontenttype");
        ObjectNode jsonVariant = sample(EventType.USAGE_SESSION);
        jsonVariant.put("datacontenttype", "application/vnd.acme+json; charset=utf-8");
        assertThat(VALIDATOR.validate(jsonVariant, true)).isEmpty();
    }

    @Test
    void timeTooFarInTheFutureOrUnparseableIsRejected() {
        assertThat(VALIDATOR.validate(sample(EventType.USAGE_SESSION).put("time", "2026-11-20T10:06:00Z"), true))
                .extracting(FieldError::field).containsExactly("time");
        assertThat(VALIDATOR.validate(sample(EventType.USAGE_SESSION).put("time", "2026-11-20T10:04:00Z"), true))
                .isEmpty();
        assertThat(VALIDATOR.validate(sample(EventType.USAGE_SESSION).put("time", "yesterday"), true))
                .extracting(FieldError::field).containsExactly("time");
    }

    @Test
    void timestampsAndEmailsInDataAreChecked() {
        ObjectNode event = sample(EventType.CUSTOMER_SIGNED_UP);
        ((ObjectNode) event.get("data")).put("trialEndsAt", "next tuesday").put("email", "not-an-email");
        assertThat(VALIDATOR.validate(event, true)).extracting(FieldError::field)
                .containsOnly("data.trialEndsAt", "data.email");
    }

    @Test
    void aPhoneNumberIsInE164Form() {
        for (EventType type : new EventType[]{EventType.CUSTOMER_SIGNED_UP, EventType.CUSTOMER_UPDATED}) {
            ObjectNode good = sample(type);
            ((ObjectNode) good.get("data")).put("phone", "+821012345678");
            assertThat(VALIDATOR.validate(good, true)).as(type + " +821012345678").isEmpty();
            for (String bad : new String[]{"010-1234-5678", "821012345678", "+0123456789", "+1", "+1234567890123456",
                    "+1 555 0100", "{\"$gt\": \"\"}"}) {
                ObjectNode event = sample(type);
                ((ObjectNode) event.get("data")).put("phone", bad);
                assertThat(VALIDATOR.validate(event, true)).as(type + " " + bad).extracting(FieldError::field)
                        .containsExactly("data.phone");
            }
        }
    }

    @Test
    void nonObjectEventIsReported() {
        assertThat(VALIDATOR.validate(EventJson.mapper().readTree("[1,2]"), true))
                .containsExactly(new FieldError("", "an event must be a JSON object"));
    }

    @Test
    void cancelReasonUsesItsWireName() {
        SubscriptionCancelled cancelled = EventJson.data(
                EventJson.fromTree(sample(EventType.SUBSCRIPTION_CANCELLED)), SubscriptionCancelled.class);
        assertThat(cancelled.reason()).isEqualTo(CancelReason.PRICE);
        assertThat(EventJson.mapper().writeValueAsString(cancelled)).contains("\"reason\":\"price\"");
    }

    @Test
    void topicsRouteByTypeAndKeyByCustomer() {
        assertThat(EventType.PAYMENT_FAILED.topic()).isEqualTo(Topics.BILLING);
        assertThat(EventType.SUBSCRIPTION_CANCELLED.topic()).isEqualTo(Topics.USAGE);
        assertThat(EventType.LIFECYCLE_STAGE_CHANGED.topic()).isEqualTo(Topics.RISK);
        assertThat(Topics.dlq(Topics.USAGE)).isEqualTo("rebound.usage.v1.dlq");
        assertThat(EventJson.fromTree(sample(EventType.USAGE_SESSION)).key()).isEqualTo("acme:cus_42");
    }

    @Test
    void theTypeCanBeReadWithoutParsingTheEvent() {
        assertThat(EventJson.peekType(EventJson.toBytes(EventJson.fromTree(sample(EventType.PAYMENT_FAILED)))))
                .isEqualTo("payment.failed");
        assertThat(EventJson.peekType("{\"data\":{\"type\":\"inner\"},\"type\":\"usage.session\"}".getBytes()))
                .isEqualTo("usage.session");
        assertThat(EventJson.peekType("not json".getBytes())).isNull();
        assertThat(EventJson.peekType("{\"id\":\"x\"}".getBytes())).isNull();
    }

    @Test
    void aReaderSkipsOnlyKnownTypesItDoesNotReadAndHandsEverythingElseOn() {
        byte[] failed = EventJson.toBytes(EventJson.fromTree(sample(EventType.PAYMENT_FAILED)));
        assertThat(EventJson.ofKnownTypeOutside(failed, java.util.Set.of("usage.session"))).isTrue();
        assertThat(EventJson.ofKnownTypeOutside(failed, java.util.Set.of("payment.failed"))).isFalse();
        // not for the skip to decide: the reader refuses these with a reason
        assertThat(EventJson.ofKnownTypeOutside("{\"type\":\"made.up\"}".getBytes(), java.util.Set.of())).isFalse();
        assertThat(EventJson.ofKnownTypeOutside("not json".getBytes(), java.util.Set.of())).isFalse();
        assertThat(EventJson.ofKnownTypeOutside(null, java.util.Set.of())).isFalse();
    }

    @Test
    void garbageIsAFormatErrorNotACrash() {
        assertThatThrownBy(() -> EventJson.fromBytes("{not json".getBytes()))
                .isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> EventJson.fromBytes("{\"id\":\"a\"}".getBytes()))
                .isInstanceOf(EventFormatException.class);
    }

    static ObjectNode sample(EventType type) {
        return (ObjectNode) read("/samples/" + type.wireName() + ".json");
    }

    private static JsonNode schema(EventType type) {
        return read(type.dataSchemaResource());
    }

    private static JsonNode read(String resource) {
        try (InputStream in = EventContractsTest.class.getResourceAsStream(resource)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
