package dev.rebound.campaign.message;

import dev.rebound.campaign.contact.Contact;
import dev.rebound.campaign.contact.ContactBook;
import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookSettingsStore;
import dev.rebound.campaign.respect.ContactRules;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CampaignMessageSent;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.outbox.TraceContext;
import dev.rebound.outbox.Traces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.rebound.campaign.message.OutboundMessage.MessageStatus.*;

/**
 * Sending what is due: claim a message, check consent and address, then the contact rules (holdout, quiet hours,
 * contact budget: a message they hold back is skipped or deferred with the reason), render it in the customer's
 * language, hand it to the channel, record the outcome (a sent message carries its campaign.message_sent in its outbox).
 * A message whose contact is not known yet waits up to {@code contactWait} (the contact event may still be on
 * its way) and is then skipped, visibly.
 */
public final class MessageDispatching {

    static final String SOURCE = "/rebound/campaign";
    private static final Duration CONTACT_RETRY = Duration.ofSeconds(2);

    private final MessageStore store;
    private final ContactBook contacts;
    private final Templates templates;
    private final EmailChannel email;
    private final Unsubscribe unsubscribe;
    private final Clock clock;
    private final Duration lease;
    private final Duration contactWait;
    private final CampaignObserver observer;
    private final ContactRules rules;
    private final CsmChannel csm;
    private final Duration csmRetryAfter;
    private PlaybookSettingsStore playbooks = PlaybookSettingsStore.DEFAULTS;
    private Traces traces = Traces.NONE;
    private SmsChannel sms = SmsChannel.NONE;
    private int parallelism = 1;
    private static final java.util.concurrent.locks.ReentrantLock[] CUSTOMER_LOCKS = locks(256);

    private static java.util.concurrent.locks.ReentrantLock[] locks(int n) {
        var locks = new java.util.concurrent.locks.ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new java.util.concurrent.locks.ReentrantLock();
        }
        return locks;
    }
    private Duration emailRetryAfter = Duration.ofSeconds(30);
    private volatile Instant emailDownUntil = Instant.MIN;
    /** After the mail server was found unreachable, how long no connection is tried (messages still wait singly). */
    static final Duration EMAIL_PAUSE = Duration.ofSeconds(5);
    /** The longest a message waits between attempts while the mail server stays unreachable. */
    static final Duration EMAIL_MAX_BACKOFF = Duration.ofMinutes(15);
    private Duration smsRetryAfter = Duration.ofSeconds(30);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessageDispatching.class);

    public MessageDispatching(MessageStore store, ContactBook contacts, Templates templates, EmailChannel email,
                              Unsubscribe unsubscribe, Clock clock, Duration lease, Duration contactWait,
                              CampaignObserver observer, ContactRules rules, CsmChannel csm, Duration csmRetryAfter) {
        this.rules = rules;
        this.csm = csm;
        this.csmRetryAfter = csmRetryAfter;
        this.store = store;
        this.contacts = contacts;
        this.templates = templates;
        this.email = email;
        this.unsubscribe = unsubscribe;
        this.clock = clock;
        this.lease = lease;
        this.contactWait = contactWait;
        this.observer = observer;
    }

    /**
     * An email whose mail server was unreachable waits {@code retryAfter}, doubling with each failed attempt up to
     * 15 minutes.
     */
    public MessageDispatching withEmailRetryAfter(Duration retryAfter) {
        this.emailRetryAfter = retryAfter;
        return this;
    }

    /** How many messages are sent side by side (1: one after the other). */
    public MessageDispatching withParallelism(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        return this;
    }

    /** Texts through {@code sms}; a text the provider could not take now waits {@code retryAfter}. */
    public MessageDispatching withSms(SmsChannel sms, Duration retryAfter) {
        this.sms = sms;
        this.smsRetryAfter = retryAfter;
        return this;
    }

    /** Continues each message's trace while it is sent (the service's tracer; none by default). */
    public MessageDispatching withTraces(Traces traces) {
        this.traces = traces;
        return this;
    }

    /** The tenants' playbook settings: their audiences and their own template texts. */
    public MessageDispatching withPlaybooks(PlaybookSettingsStore playbooks) {
        this.playbooks = playbooks;
        return this;
    }

    /**
     * Sends every message due now; each settled message (sent, suppressed or skipped) is handed to
     * {@code settled} once stored, to publish its outbox. Returns how many were settled.
     */
    public int dispatchDue(Consumer<OutboundMessage> settled) {
        return dispatch(this::claimPage, settled);
    }

    /**
     * Sends the messages {@code planned} gives (planned here, due now; null: none left), each claimed as it is taken,
     * until there are none: no look over the pending messages (one another sender has, or that is no longer due, is
     * passed over). As {@link #dispatchDue}, otherwise.
     */
    public int dispatchPlanned(java.util.function.Supplier<MessageStore.Due> planned,
                               Consumer<OutboundMessage> settled) {
        return dispatch(max -> {
            List<OutboundMessage> claimed = new java.util.ArrayList<>();
            MessageStore.Due next;
            while (claimed.size() < max && (next = planned.get()) != null) {
                store.claim(next, clock.instant(), lease).ifPresent(claimed::add);
            }
            return claimed;
        }, settled);
    }

    /** Claims pages with {@code claim} (up to so many messages; empty: none left) and sends them. */
    private int dispatch(java.util.function.IntFunction<List<OutboundMessage>> claim, Consumer<OutboundMessage> settled) {
        if (parallelism <= 1) {
            int count = 0;
            List<OutboundMessage> page;
            while (!(page = claim.apply(8)).isEmpty()) {
                for (List<OutboundMessage> customer : byCustomer(page)) {
                    for (OutboundMessage message : customer) {
                        count += sendOne(message, settled);
                    }
                }
            }
            return count;
        }
        // this thread finds due messages a page per query and claims each by its id (a sender on another instance
        // that claimed it first wins; this one skips it); the workers send side by side, each taking the next claimed
        // message, so a slow mail server or provider holds up one worker, not the page: sending waits on the mail
        // server, the provider and the broker far more than it computes; a customer's messages of one page go to one
        // worker, in the order claimed
        var queue = new java.util.concurrent.LinkedBlockingQueue<List<OutboundMessage>>();
        var sending = new java.util.concurrent.atomic.AtomicInteger();
        var count = new java.util.concurrent.atomic.AtomicInteger();
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        var failed = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
        try (var workers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                running.add(workers.submit(() -> {
                    while (true) {
                        List<OutboundMessage> customers = queue.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (customers == null) {
                            if (done.get()) {
                                return null;
                            }
                            continue;
                        }
                        // one customer's messages of a page in the order claimed (the higher priority, then the
                        // earlier due, first): which of them the contact budget lets through does not depend on
                        // which worker reached the customer first
                        for (OutboundMessage next : customers) {
                            try {
                                count.addAndGet(sendOne(next, settled));
                            } catch (RuntimeException e) {
                                // the message stays claimed until its lease ends, then it is tried again; the others go on
                                failed.compareAndSet(null, e);
                            } finally {
                                sending.decrementAndGet();
                            }
                        }
                    }
                }));
            }
            try {
                feed(claim, queue, sending);
            } finally {
                done.set(true);
            }
            RuntimeException failure = null;
            for (var worker : running) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending", e);
                }
            }
            if (failure == null) {
                failure = failed.get();
            }
            if (failure != null) {
                throw failure;
            }
            return count.get();
        }
    }

    /**
     * Keeps the workers' queue a page ahead until nothing is due: a page is claimed when fewer than {@code parallelism}
     * messages wait; the round ends when a query finds nothing due with nothing waiting or being sent.
     */
    private void feed(java.util.function.IntFunction<List<OutboundMessage>> claim,
                      java.util.concurrent.BlockingQueue<List<OutboundMessage>> queue,
                      java.util.concurrent.atomic.AtomicInteger sending) {
        int page = parallelism * 2;
        while (true) {
            if (queue.size() >= parallelism) {
                pause();
                continue;
            }
            List<OutboundMessage> claimed = claim.apply(page);
            if (!claimed.isEmpty()) {
                sending.addAndGet(claimed.size());
                queue.addAll(byCustomer(claimed));
                continue;
            }
            // nothing more due now; while what is being sent finishes (a slow server may hold a send for seconds),
            // look again now and then: a message falling due meanwhile does not wait for it
            long waited = 0;
            while (sending.get() > 0 && waited < LOOK_AGAIN_MILLIS) {
                pause();
                waited += 10;
            }
            claimed = claim.apply(page);
            if (claimed.isEmpty()) {
                if (sending.get() == 0) {
                    return;
                }
                continue;
            }
            sending.addAndGet(claimed.size());
            queue.addAll(byCustomer(claimed));
        }
    }

    /**
     * A page's messages grouped by customer, the groups in the order claimed (the value ranking across customers);
     * within a customer, money owed first, then the order they fell due. A customer's ranking is what scoring said
     * when each message was planned, so their later messages may rank above an earlier one only because scoring
     * spoke in between: it orders customers, not a customer's own messages, which the contact budget then takes in
     * turn.
     */
    static java.util.Collection<List<OutboundMessage>> byCustomer(List<OutboundMessage> claimed) {
        Map<String, List<OutboundMessage>> groups = new java.util.LinkedHashMap<>();
        for (OutboundMessage m : claimed) {
            groups.computeIfAbsent(m.tenantId().length() + ":" + m.tenantId() + ":" + m.customerId(),
                    k -> new java.util.ArrayList<>()).add(m);
        }
        groups.values().forEach(messages -> messages.sort(java.util.Comparator
                .comparing((OutboundMessage m) -> m.priority() < OutboundMessage.TRANSACTIONAL)
                .thenComparing(OutboundMessage::dueAt)));
        return groups.values();
    }

    /** While sends are in flight and nothing was due, how often the sender looks for messages falling due. */
    private static final long LOOK_AGAIN_MILLIS = 250;

    /**
     * Claims up to {@code max} due messages, from ids found due a page of {@value #CANDIDATES} at a time (one query:
     * finding what is due costs a look over the pending messages, claiming one by its id does not); ids left from a
     * page are tried first while they are fresh ({@link #CANDIDATES_FRESH}), each claim checking again that the
     * message is still due and unclaimed (one unchanged since the page saw it is claimed without a second read). Empty
     * only when a fresh look found nothing to claim.
     */
    private List<OutboundMessage> claimPage(int max) {
        List<OutboundMessage> claimed = new java.util.ArrayList<>();
        boolean looked = false;
        while (claimed.size() < max) {
            MessageStore.Due next;
            synchronized (candidates) {
                // how long the page sat is real time, whatever the business clock says (a test moves it both ways)
                if (!candidates.isEmpty() && System.nanoTime() - candidatesFoundAt > CANDIDATES_FRESH.toNanos()) {
                    candidates.clear();
                }
                if (candidates.isEmpty()) {
                    if (looked) {
                        break;
                    }
                    candidates.addAll(store.due(clock.instant(), Math.max(max, CANDIDATES)));
                    candidatesFoundAt = System.nanoTime();
                    looked = true;
                    if (candidates.isEmpty()) {
                        break;
                    }
                }
                next = candidates.poll();
            }
            store.claim(next, clock.instant(), lease).ifPresent(claimed::add);
        }
        return claimed;
    }

    /** How many due ids one look finds. */
    static final int CANDIDATES = 256;
    /** How long ids found due are tried before looking again (a dunning message falling due waits at most this). */
    static final Duration CANDIDATES_FRESH = Duration.ofSeconds(1);
    private final java.util.ArrayDeque<MessageStore.Due> candidates = new java.util.ArrayDeque<>();
    private long candidatesFoundAt;

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    /** Sends one claimed message; 1 when it settled (sent, suppressed or skipped), 0 when it waits. */
    private int sendOne(OutboundMessage next, Consumer<OutboundMessage> settled) {
        // one customer's messages go one at a time, so each sees the ones sent before it (the contact budget)
        var customerLock = CUSTOMER_LOCKS[Math.floorMod((next.tenantId() + ":" + next.customerId()).hashCode(),
                CUSTOMER_LOCKS.length)];
        customerLock.lock();
        // the send continues the trace of what triggered the message, into the mail and campaign.message_sent
        try (Traces.Scope ignored = traces.continueTrace(next.traceparent(), "campaign send")) {
            Optional<OutboundMessage> done = dispatch(next);
            if (done.isPresent()) {
                settled.accept(done.get());
                return 1;
            }
            return 0;
        } finally {
            customerLock.unlock();
        }
    }

    private Optional<OutboundMessage> dispatch(OutboundMessage message) {
        Instant now = clock.instant();
        if (message.sendBy() != null && now.isAfter(message.sendBy())) {
            // however it came to wait this long (the contact rules, an outage, the service down): too late to send
            return Optional.of(settle(message, SKIPPED, null, null, now, "past the playbook's window (send by "
                    + message.sendBy() + ")"));
        }
        if (message.channel() == OutboundMessage.Channel.CSM) {
            return alertCsm(message, now);
        }
        Optional<Contact> contact = contacts.find(message.tenantId(), message.customerId());
        if (message.channel() == OutboundMessage.Channel.SMS) {
            return text(message, contact, now);
        }
        if (message.channel() == OutboundMessage.Channel.INAPP) {
            PlaybookSettings setup = playbooks.of(message.tenantId(), message.playbook());
            Optional<OutboundMessage> held = audience(message, contact, setup, now);
            if (held == null) {
                held = playbookRules(message, setup, now);
            }
            if (held == null) {
                held = respect(message, setup, null, false, now);
            }
            if (held != null) {
                return held;
            }
            Templates.Rendered rendered = render(message, contact.map(Contact::languageTag).orElse("en"), contact,
                    setup);
            return Optional.of(settle(message, SENT, null, rendered, now, "in-app inbox"));
        }
        Gate gate = gate(message, contact, now, Contact::email, Contact::emailConsent, "email address", "email");
        if (!(gate instanceof Gate.Pass(Contact to, PlaybookSettings setup))) {
            return ((Gate.Stop) gate).result();
        }
        Templates.Rendered rendered = render(message, to.languageTag(), contact, setup);
        if (now.isBefore(emailDownUntil)) {
            // the mail server was unreachable a moment ago: no connection per waiting message, each waits its turn
            return deferEmail(message, now, "SMTP server unreachable");
        }
        try {
            email.send(new EmailChannel.Email(message.id(), to.email(), rendered.subject(), rendered.body(),
                    unsubscribe.linkFor(message.tenantId(), message.customerId()), TraceContext.current()));
        } catch (ChannelUnavailable e) {
            emailDownUntil = now.plus(EMAIL_PAUSE);
            return deferEmail(message, now, e.getMessage());
        }
        log.info("sent {} email {} to {} {}", message.playbook(), message.id(), message.tenantId(), message.customerId());
        return Optional.of(settle(message, SENT, to.email(), rendered, now, null));
    }

    /** Whether a message may go to the customer on its channel now: {@link Pass} with whom, or {@link Stop} with why not. */
    private sealed interface Gate {
        record Pass(Contact to, PlaybookSettings setup) implements Gate {}

        record Stop(Optional<OutboundMessage> result) implements Gate {}
    }

    /**
     * The steps every customer channel takes before sending: an address known (the contact event may still be on its
     * way: wait a bounded time, then skip), the channel's consent, the contact rules, the playbook's audience.
     */
    private Gate gate(OutboundMessage message, Optional<Contact> contact, Instant now,
                      java.util.function.Function<Contact, String> address,
                      java.util.function.Predicate<Contact> consent, String addressName, String channelName) {
        if (contact.isEmpty() || address.apply(contact.get()) == null) {
            if (now.isAfter(message.plannedAt().plus(contactWait))) {
                return new Gate.Stop(Optional.of(settle(message, SKIPPED, null, null, now,
                        "no " + addressName + " known")));
            }
            // the contact event may still be on its way (another topic): look again shortly
            store.retryAt(message.id(), now.plus(CONTACT_RETRY));
            observer.deferred(message.playbook(), message.channel(), "waiting for contact");
            return new Gate.Stop(Optional.empty());
        }
        Contact to = contact.get();
        if (!consent.test(to)) {
            return new Gate.Stop(Optional.of(settle(message, SUPPRESSED, address.apply(to), null, now,
                    "no consent for " + channelName)));
        }
        PlaybookSettings setup = playbooks.of(message.tenantId(), message.playbook());
        Optional<OutboundMessage> held = playbookRules(message, setup, now);
        if (held == null) {
            held = respect(message, setup, to.timezone(), true, now);
        }
        if (held != null) {
            return new Gate.Stop(held);
        }
        if (!setup.admits(to, message.variables())) {
            return new Gate.Stop(Optional.of(settle(message, SKIPPED, null, null, now,
                    "outside the playbook's audience (as the customer is known now)")));
        }
        if (!setup.speaks(language(to.languageTag()))) {
            return new Gate.Stop(Optional.of(settle(message, SKIPPED, null, null, now,
                    "outside the playbook's audience (locales " + String.join(", ", setup.locales()) + ")")));
        }
        return new Gate.Pass(to, setup);
    }

    /**
     * A text: only to a customer with a phone number who opted in to texts ({@code consent.sms}), under the same
     * contact rules as email (quiet hours in their zone, the budget, the holdout). A provider that cannot take it now
     * defers it ({@code smsRetryAfter}), counted; one that refuses it, or none configured, skips it with the reason.
     */
    private Optional<OutboundMessage> text(OutboundMessage message, Optional<Contact> contact, Instant now) {
        Gate gate = gate(message, contact, now, Contact::phone, Contact::smsConsent, "phone number", "sms");
        if (!(gate instanceof Gate.Pass(Contact to, PlaybookSettings setup))) {
            return ((Gate.Stop) gate).result();
        }
        if (!sms.configured()) {
            return Optional.of(settle(message, SKIPPED, null, null, now, "no SMS provider configured"));
        }
        Templates.Rendered rendered = render(message, to.languageTag(), contact, setup);
        try {
            sms.send(new SmsChannel.Sms(message.id(), to.phone(), smsText(rendered), TraceContext.current()));
        } catch (ChannelUnavailable e) {
            store.deferTo(message.id(), now.plus(smsRetryAfter), e.getMessage());
            observer.deferred(message.playbook(), message.channel(), "channel unavailable");
            return Optional.empty();
        } catch (ChannelRefused e) {
            return Optional.of(settle(message, SKIPPED, to.phone(), rendered, now, e.getMessage()));
        }
        log.info("sent {} text {} to {} {}", message.playbook(), message.id(), message.tenantId(), message.customerId());
        return Optional.of(settle(message, SENT, to.phone(), rendered, now, null));
    }

    /** The mail server is unreachable: the message waits (backing off per attempt), counted, and is not lost. */
    private Optional<OutboundMessage> deferEmail(OutboundMessage message, Instant now, String why) {
        int attempts = store.failedAttempt(message.id());
        Duration wait = emailRetryAfter.multipliedBy(1L << Math.min(attempts - 1, 20));
        store.deferTo(message.id(), now.plus(wait.compareTo(EMAIL_MAX_BACKOFF) > 0 ? EMAIL_MAX_BACKOFF : wait),
                why + " (attempt " + attempts + ")");
        observer.deferred(message.playbook(), message.channel(), "channel unavailable");
        return Optional.empty();
    }

    /** The subject as the first line, then the body; at most 1,600 characters (ten concatenated segments). */
    static String smsText(Templates.Rendered rendered) {
        String text = rendered.subject() + "\n" + rendered.body().strip() + "\nReply STOP to opt out.";
        return text.length() <= 1_600 ? text : text.substring(0, 1_599) + "…";
    }

    /**
     * An alert for the customer-success team: the customer is not contacted, so neither quiet hours nor the contact
     * budget apply; the global holdout does (a person's outreach is an intervention too). A webhook that cannot take it
     * now defers it ({@code csmRetryAfter}); one that refuses it, or none configured, skips it with the reason.
     */
    private Optional<OutboundMessage> alertCsm(OutboundMessage message, Instant now) {
        PlaybookSettings setup = playbooks.of(message.tenantId(), message.playbook());
        if (setup.audience() != null) {
            Optional<OutboundMessage> outside = audience(message, contacts.find(message.tenantId(),
                    message.customerId()), setup, now);
            if (outside != null) {
                return outside;
            }
        }
        if (marketing(message, setup) && rules.inHoldout(message.tenantId(), message.customerId())) {
            return Optional.of(settle(message, SKIPPED, null, null, now, MessageStore.HOLDOUT));
        }
        Optional<OutboundMessage> held = playbookRules(message, setup, now);
        if (held != null) {
            return held;
        }
        if (!csm.configured()) {
            return Optional.of(settle(message, SKIPPED, null, null, now, "no CSM webhook configured"));
        }
        Templates.Rendered rendered = render(message, "en", Optional.empty(), setup);
        try {
            csm.post(new CsmChannel.Alert(message.id(), message.tenantId(), message.customerId(), rendered.subject(),
                    rendered.body()));
        } catch (ChannelUnavailable e) {
            store.deferTo(message.id(), now.plus(csmRetryAfter), e.getMessage());
            observer.deferred(message.playbook(), message.channel(), "channel unavailable");
            return Optional.empty();
        } catch (ChannelRefused e) {
            return Optional.of(settle(message, SKIPPED, null, rendered, now, e.getMessage()));
        }
        return Optional.of(settle(message, SENT, "csm-webhook", rendered, now, null));
    }

    /**
     * The contact rules' say: null to send now; otherwise the message skipped (settled, with why) or deferred (empty:
     * it waits, its reason recorded).
     */
    private Optional<OutboundMessage> respect(OutboundMessage message, PlaybookSettings setup, String timezone,
                                              boolean interrupts, Instant now) {
        return switch (rules.check(message.tenantId(), message.customerId(), marketing(message, setup), interrupts,
                timezone, now)) {
            case ContactRules.Verdict.Send ignored -> null;
            case ContactRules.Verdict.Skip skip -> Optional.of(settle(message, SKIPPED, null, null, now, skip.reason()));
            case ContactRules.Verdict.Defer defer -> {
                store.deferTo(message.id(), defer.until(), defer.detail());
                observer.deferred(message.playbook(), message.channel(), defer.reason());
                yield Optional.empty();
            }
        };
    }

    /**
     * For a channel that needs no address (in-app, CSM): a message whose audience is decided at send time waits for
     * the customer to be known (bounded by {@code contactWait}) and goes only if they are in it. Null to go on.
     */
    private Optional<OutboundMessage> audience(OutboundMessage message, Optional<Contact> contact,
                                               PlaybookSettings setup, Instant now) {
        if (setup.audience() == null) {
            return null;
        }
        if (contact.isEmpty()) {
            if (setup.admits(new Contact(message.tenantId(), message.customerId(), null, null, null, null, true),
                    message.variables())) {
                return null;
            }
            if (now.isAfter(message.plannedAt().plus(contactWait))) {
                return Optional.of(settle(message, SKIPPED, null, null, now, "customer unknown: audience undecided"));
            }
            store.retryAt(message.id(), now.plus(CONTACT_RETRY));
            observer.deferred(message.playbook(), message.channel(), "waiting for contact");
            return Optional.empty();
        }
        return setup.admits(contact.get(), message.variables()) ? null : Optional.of(settle(message, SKIPPED, null,
                null, now, "outside the playbook's audience (as the customer is known now)"));
    }

    private static boolean marketing(OutboundMessage message, PlaybookSettings setup) {
        return ContactRules.isMarketing(message.playbook()) && !setup.transactional();
    }

    /**
     * The playbook's own rules, before the shared ones: a disabled playbook sends nothing more, its own holdout gets
     * none of its messages (recorded as held out, so its uplift can be measured), and its cap holds. Null to go on.
     */
    private Optional<OutboundMessage> playbookRules(OutboundMessage message, PlaybookSettings setup, Instant now) {
        if (!setup.enabled()) {
            return Optional.of(settle(message, SKIPPED, null, null, now, "playbook disabled"));
        }
        if (marketing(message, setup) && ContactRules.inShare(message.tenantId() + "\u0000" + message.customerId()
                + "\u0000" + message.playbook(), setup.holdoutPercent())) {
            return Optional.of(settle(message, SKIPPED, null, null, now, MessageStore.PLAYBOOK_HOLDOUT));
        }
        PlaybookSettings.Cap cap = setup.cap();
        if (cap != null) {
            long sent = store.sentOfPlaybookSince(message.tenantId(), message.customerId(), message.playbook(),
                    now.minus(cap.per()));
            if (sent >= cap.messages()) {
                return Optional.of(settle(message, SKIPPED, null, null, now, "playbook cap: " + sent + " of "
                        + message.playbook() + "'s messages sent to the customer in the last " + days(cap.per())));
            }
        }
        return null;
    }

    private static String days(Duration period) {
        return period.toHours() % 24 == 0 ? period.toDays() + " days" : period.toHours() + " hours";
    }

    /**
     * The tenant's own text of the template for the customer's language when it set one, else the shipped one; a
     * tenant's own playbook falls back to its English text, then to its first.
     */
    private Templates.Rendered render(OutboundMessage message, String locale, Optional<Contact> contact,
                                      PlaybookSettings setup) {
        Map<String, String> variables = new HashMap<>(message.variables());
        variables.put("name", contact.map(Contact::name).filter(n -> !n.isBlank()).orElse(""));
        // what was not known when the message was planned (the sign-up consumed after its trigger) is known now
        contact.ifPresent(c -> {
            fillIfEmpty(variables, "plan", c.plan());
            fillIfEmpty(variables, "stage", c.stage());
            fillIfEmpty(variables, "tier", c.tier());
        });
        Map<String, String> own = setup.templates()
                .getOrDefault(message.template(), Map.of());
        String text = own.get(language(locale));
        if (text == null && !own.isEmpty() && dev.rebound.campaign.playbook.PlaybookCatalog.find(message.playbook()).isEmpty()) {
            text = own.getOrDefault("en", own.values().iterator().next());
        }
        return text != null ? templates.renderText(text, variables) : templates.render(message.template(), locale, variables);
    }

    private static void fillIfEmpty(Map<String, String> variables, String name, String known) {
        if (known != null && variables.containsKey(name) && variables.get(name).isEmpty()) {
            variables.put(name, known);
        }
    }

    private static String language(String locale) {
        String language = java.util.Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return language.isEmpty() ? "en" : language;
    }

    private OutboundMessage settle(OutboundMessage m, OutboundMessage.MessageStatus status, String recipient,
                                   Templates.Rendered rendered, Instant at, String detail) {
        List<PendingEvent> outbox = status == SENT ? List.of(sentEvent(m, at)) : List.of();
        OutboundMessage done = new OutboundMessage(m.id(), m.tenantId(), m.customerId(), m.playbook(), m.channel(),
                m.trigger(), m.template(), m.variables(), m.plannedAt(), m.dueAt(), status, recipient,
                rendered == null ? null : rendered.subject(), rendered == null ? null : rendered.body(),
                status == SENT ? at : null, detail, null, null, null, outbox, m.traceparent(), m.priority(), m.sendBy());
        store.complete(done);
        observer.settled(m.playbook(), m.channel(), status, detail);
        return done;
    }

    /** The message id is the event id: a re-publish after a crash is the same event. */
    private static PendingEvent sentEvent(OutboundMessage m, Instant at) {
        return PendingEvent.of(EventJson.event(m.id(), SOURCE, EventType.CAMPAIGN_MESSAGE_SENT, at, m.tenantId(),
                m.customerId(), new CampaignMessageSent(m.id(), m.playbook(),
                        m.channel().name().toLowerCase(Locale.ROOT), m.trigger())));
    }
}
