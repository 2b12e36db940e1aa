package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.contracts.Roles;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.devstack.NorthstarClient.expect;

/**
 * Loads a realistic demo product into a running Northstar through its public APIs: a checkout product
 * with three weighted themes, initiatives over every horizon (one done, one dropped), a release and a
 * few dozen backlog items with stories, acceptance criteria and estimates, some of them under way.
 */
public final class Seed {

    record InitiativeSpec(String title, String theme, String horizon, String status, String metric, List<ItemSpec> items) {
    }

    record ItemSpec(String type, String title, String asA, String iWant, String soThat, List<String> criteria,
                    int jobSize, int value, int criticality, int risk, List<String> labels, String progress) {
    }

    static ItemSpec story(String title, String asA, String soThat, int jobSize, int value, int criticality, int risk,
                          String progress, String... criteria) {
        return new ItemSpec("STORY", title, asA, title.substring(0, 1).toLowerCase() + title.substring(1), soThat,
                List.of(criteria), jobSize, value, criticality, risk, List.of("checkout"), progress);
    }

    static ItemSpec item(String type, String title, int jobSize, int value, int criticality, int risk, String label,
                         String progress, String... criteria) {
        return new ItemSpec(type, title, "team member", title.toLowerCase(), "the product stays healthy", List.of(criteria),
                jobSize, value, criticality, risk, List.of(label), progress);
    }

    static final List<InitiativeSpec> INITIATIVES = List.of(
            new InitiativeSpec("Saved cards", "Conversion", "NOW", "IN_PROGRESS", "repeat-purchase checkout time under 20 s", List.of(
                    story("Save a card at checkout", "returning customer", "I do not type it again", 5, 13, 8, 3, "IN_PROGRESS",
                            "A checkbox offers to save the card", "Only a token is stored, never the number"),
                    story("Pay with a saved card", "returning customer", "checkout takes seconds", 3, 13, 8, 2, "READY",
                            "Saved cards are listed with their last four digits", "Paying asks only for the CVC"),
                    story("Remove a saved card", "customer", "I stay in control of my data", 2, 5, 3, 5, "DONE",
                            "A card can be removed from the account page"),
                    item("TECH_DEBT", "Rotate card vault keys", 5, 3, 5, 13, "security", "NEW", "Keys rotate without downtime"))),
            new InitiativeSpec("One-page checkout", "Conversion", "NOW", "PLANNED", "checkout completion rate +3 points", List.of(
                    story("Show shipping and payment on one page", "shopper", "I see everything before I pay", 8, 20, 8, 3, "READY",
                            "Shipping, payment and summary are on one page", "The page works without JavaScript errors on mobile"),
                    story("Edit the basket inline", "shopper", "I do not go back to the basket", 5, 8, 5, 1, "NEW",
                            "Quantities change without a reload"),
                    item("SPIKE", "Measure drop-off per checkout field", 2, 5, 5, 8, "analytics", "NEW",
                            "A report names the three worst fields"))),
            new InitiativeSpec("PCI DSS 4.0 audit", "Platform health", "NOW", "DONE", "audit passed without findings", List.of(
                    item("TECH_DEBT", "Log access to cardholder data", 3, 5, 13, 13, "security", "ACCEPTED",
                            "Every access is logged with who and when"))),
            new InitiativeSpec("Apple Pay and Google Pay", "Conversion", "NEXT", "PROPOSED", "wallet share of mobile payments 25%", List.of(
                    story("Pay with Apple Pay", "iPhone shopper", "I pay with a glance", 8, 13, 5, 3, "NEW",
                            "The Apple Pay button shows on supported devices"),
                    story("Pay with Google Pay", "Android shopper", "I pay with a tap", 8, 13, 5, 3, "NEW",
                            "The Google Pay button shows on supported devices"))),
            new InitiativeSpec("Subscriptions", "Retention", "NEXT", "PROPOSED", "monthly recurring revenue +10%", List.of(
                    story("Subscribe to a product", "regular buyer", "it arrives without my thinking of it", 13, 13, 3, 3, "NEW",
                            "A product page offers a subscription with its interval"),
                    story("Pause a subscription", "subscriber", "I do not cancel when I go on holiday", 3, 8, 2, 2, "NEW",
                            "A subscription can be paused for up to three months"),
                    story("Remind before renewal", "subscriber", "I am never surprised by a charge", 2, 5, 3, 5, "NEW",
                            "An email goes out three days before each renewal"))),
            new InitiativeSpec("Fraud rules engine", "Platform health", "NEXT", "PLANNED", "chargebacks below 0.3%", List.of(
                    item("STORY", "Block payments above a risk score", 8, 8, 8, 13, "fraud", "NEW",
                            "Payments above the threshold are declined with a reason code"),
                    item("SPIKE", "Compare rule engines", 3, 3, 5, 8, "fraud", "READY",
                            "A one-page comparison recommends one engine"))),
            new InitiativeSpec("Loyalty points", "Retention", "LATER", "PROPOSED", "repeat purchase rate +5 points", List.of(
                    story("Earn points on every order", "loyal customer", "my loyalty is rewarded", 8, 8, 1, 2, "NEW",
                            "Points are credited when the order ships"),
                    story("Pay with points", "loyal customer", "my points are worth something", 8, 8, 1, 2, "NEW",
                            "Points cover part or all of an order"))),
            new InitiativeSpec("Multi-currency", "Conversion", "LATER", "PROPOSED", "international revenue share 20%", List.of(
                    story("Show prices in the shopper's currency", "international shopper", "I know what I pay", 13, 8, 2, 3, "NEW",
                            "Prices show in the currency of the shopper's country"),
                    story("Settle in euros and dollars", "finance lead", "we avoid conversion fees", 13, 5, 2, 5, "NEW",
                            "Payouts arrive in the currency charged"))),
            new InitiativeSpec("Crypto payments", "Conversion", "LATER", "DROPPED", "crypto share of payments 2%", List.of(
                    story("Pay with bitcoin", "crypto enthusiast", "I use what I hold", 13, 3, 1, 1, "DISCARDED",
                            "A bitcoin invoice is shown at checkout"))));

    static final List<ItemSpec> UNLINKED = List.of(
            item("BUG", "Double charge when a payment is retried", 2, 13, 13, 8, "payments", "IN_PROGRESS",
                    "A retried payment is charged once"),
            item("BUG", "Order confirmation email sent twice", 1, 5, 5, 2, "email", "READY", "One email per order"),
            item("BUG", "Postcode rejected for Irish addresses", 2, 8, 8, 1, "checkout", "NEW", "Eircodes are accepted"),
            item("BUG", "Totals rounded wrongly with three items", 1, 8, 5, 3, "checkout", "DONE", "Totals match the sum of lines"),
            item("TECH_DEBT", "Upgrade the payment SDK", 3, 2, 8, 8, "payments", "NEW", "The SDK runs its latest major version"),
            item("TECH_DEBT", "Remove the legacy basket service", 8, 3, 2, 8, "platform", "NEW", "No call reaches the old service"),
            item("SPIKE", "Evaluate a second payment provider", 3, 5, 3, 13, "payments", "NEW", "A recommendation with costs"),
            item("STORY", "Download invoices as PDF", 3, 5, 2, 1, "account", "NEW", "Each order has a PDF invoice"),
            item("STORY", "Show delivery estimates", 5, 8, 3, 1, "checkout", "NEW", "The estimate shows before payment"),
            item("STORY", "Guest checkout", 5, 13, 5, 2, "checkout", "ACCEPTED", "No account is needed to pay"),
            item("STORY", "Address autocomplete", 3, 8, 3, 1, "checkout", "NEW", "Addresses complete from the first line"),
            item("STORY", "Gift messages", 2, 3, 1, 1, "checkout", "NEW", "A message prints on the packing slip"));

    public static void main(String[] args) throws Exception {
        // everything through the running stack's front door, as a user reaches it
        String frontDoor = "http://localhost:" + System.getenv().getOrDefault("NORTHSTAR_PORT", "8080");
        String roadmapUrl = System.getProperty("roadmap", frontDoor);
        String backlogUrl = System.getProperty("backlog", frontDoor);
        String feedbackUrl = System.getProperty("feedback", frontDoor);
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("northstar.root", ".")).toAbsolutePath().normalize();
        LocalSigningKey signingKey = LocalSigningKey.load(Devstack.Settings.fromEnvironment(root).dataDir());
        UUID product = seed(roadmapUrl, backlogUrl, feedbackUrl, signingKey);
        String viewer = signingKey.mint("viewer@localhost", List.of("viewer"), List.of(product.toString()), Duration.ofHours(8));
        NorthstarClient client = new NorthstarClient(roadmapUrl, backlogUrl, viewer);
        System.out.printf("  export VIEWER=%s%n", viewer);
        System.out.printf("  roadmap:   curl -s -H \"Authorization: Bearer $VIEWER\" %s/roadmap%n", client.roadmap(product));
        System.out.printf("  backlog:   curl -s -H \"Authorization: Bearer $VIEWER\" %s%n", client.backlogItems(product));
        System.out.printf("  feedback:  curl -s -H \"Authorization: Bearer $VIEWER\" %s/api/v1/products/%s/feedback%n", feedbackUrl, product);
        System.out.printf("  dashboard: %s/dashboard.html?product=%s#token=%s%n", frontDoor, product, viewer);
    }

    /** Loads the demo product "Northstar Pay" through the APIs of a running stack; its id. */
    static UUID seed(String roadmapUrl, String backlogUrl, String feedbackUrl, LocalSigningKey signingKey) throws Exception {
        String token = signingKey.everything("seed@northstar.dev");
        NorthstarClient client = new NorthstarClient(roadmapUrl, backlogUrl, token);
        // the team does the work and the product owner (the seed's own token) reviews it: nobody accepts their own work
        NorthstarClient team = new NorthstarClient(roadmapUrl, backlogUrl, signingKey.mint("team@northstar.dev",
                List.of(Roles.TEAM_MEMBER), List.of(Roles.EVERY_PRODUCT), Duration.ofHours(1)));
        UUID product = client.createProduct(Map.of(
                "name", "Northstar Pay",
                "vision", "Paying online is as easy as handing over cash",
                "strategy", "Win repeat buyers first: remove every step between intent and payment, then keep them with subscriptions",
                "northStarMetric", "weekly completed checkouts by returning customers"));
        String base = client.roadmap(product);
        Map<String, String> themes = new LinkedHashMap<>();
        themes.put("Conversion", expect(client.post(base + "/themes", Map.of("name", "Conversion", "weight", 2,
                "description", "More visitors finish paying")), 201).id());
        themes.put("Retention", expect(client.post(base + "/themes", Map.of("name", "Retention", "weight", 1.5,
                "description", "Buyers come back")), 201).id());
        themes.put("Platform health", expect(client.post(base + "/themes", Map.of("name", "Platform health", "weight", 1,
                "description", "Secure, compliant, fast")), 201).id());

        List<String> saved = new ArrayList<>();
        Map<String, String> initiativeIds = new LinkedHashMap<>();
        int items = 0;
        for (InitiativeSpec spec : INITIATIVES) {
            String initiative = expect(client.post(base + "/initiatives", Map.of("title", spec.title(),
                    "themeId", themes.get(spec.theme()), "horizon", spec.horizon(), "successMetric", spec.metric())), 201).id();
            initiativeIds.put(spec.title(), initiative);
            if (spec.title().equals("Saved cards") || spec.title().equals("One-page checkout")) {
                saved.add(initiative);
            }
            awaitInitiativeKnown(client, product, initiative);
            for (ItemSpec item : spec.items()) {
                addItem(client, team, product, item, initiative);
                items++;
            }
            String path = base + "/initiatives/" + initiative;
            switch (spec.status()) {
                case "PLANNED" -> expect(client.post(path + "/status", Map.of("status", "PLANNED")), 200);
                case "IN_PROGRESS" -> expect(client.post(path + "/status", Map.of("status", "IN_PROGRESS")), 200);
                case "DONE" -> {
                    expect(client.post(path + "/status", Map.of("status", "IN_PROGRESS")), 200);
                    expect(client.post(path + "/status", Map.of("status", "DONE")), 200);
                }
                case "DROPPED" -> expect(client.post(path + "/drop", Map.of("reason", "Too little demand for the compliance cost")), 200);
                default -> {
                }
            }
        }
        for (ItemSpec item : UNLINKED) {
            addItem(client, team, product, item, null);
            items++;
        }
        pinFirst(client, product, "Postcode rejected for Irish addresses", "Irish shoppers cannot check out at all");
        expect(client.post(base + "/releases", Map.of("name", "Spring release", "targetDate", "2027-03-31",
                "initiativeIds", saved)), 201);
        // the audit is done: its release ships now, so the feedback below counts as after it
        String security = expect(client.post(base + "/releases", Map.of("name", "Security release", "targetDate",
                LocalDate.now(ZoneOffset.UTC).toString(), "initiativeIds", List.of(initiativeIds.get("PCI DSS 4.0 audit")))), 201).id();
        expect(client.post(base + "/releases/" + security + "/ship", Map.of()), 200);
        seedObjective(client, base, themes.get("Conversion"), saved);
        seedCompetitors(client, base, initiativeIds);
        seedBusinessCases(client, base, initiativeIds);
        seedHealth(client, base, initiativeIds);
        int feedback = seedFeedback(feedbackUrl, product, initiativeIds, token);
        System.out.printf("Seeded product %s \"Northstar Pay\": 3 themes, %d initiatives, 2 releases (1 shipped), 1 objective with 3 key results, 3 business cases, 2 health reports, 2 competitors, %d backlog items, "
                + "%d feedback entries with votes.%n", product, INITIATIVES.size(), items, feedback);
        return product;
    }

    record FeedbackSpec(String source, String customer, String account, String segment, int accountValue, String text,
                        Integer rating, String tag, String about) {
    }

    static final List<FeedbackSpec> FEEDBACK = List.of(
            new FeedbackSpec("SURVEY", "c-101", "Acme Retail", "ENTERPRISE", 240000, "Love how fast checkout is now, great work", 10, "checkout", null),
            new FeedbackSpec("SURVEY", "c-102", "Acme Retail", "ENTERPRISE", 240000, "Typing my card every time is annoying", 6, "checkout", "Saved cards"),
            new FeedbackSpec("SUPPORT", "c-201", "Globex", "MID_MARKET", 60000, "Customers ask for Apple Pay every week", null, "wallets", "Apple Pay and Google Pay"),
            new FeedbackSpec("SALES", "c-301", "Initech", "ENTERPRISE", 180000, "We cannot sign without subscriptions", null, "subscriptions", "Subscriptions"),
            new FeedbackSpec("IN_APP", "c-401", "Hooli", "SMB", 8000, "The checkout page is confusing on mobile", 4, "mobile", "One-page checkout"),
            new FeedbackSpec("IN_APP", "c-402", "Hooli", "SMB", 8000, "Nice and simple, thanks", 9, "checkout", null),
            new FeedbackSpec("EMAIL", "c-501", "Umbrella", "MID_MARKET", 45000, "Got charged twice when the payment was retried, not happy", 2, "payments", null),
            new FeedbackSpec("SURVEY", "c-502", "Umbrella", "MID_MARKET", 45000, "Please let me save my card", 7, "checkout", "Saved cards"),
            new FeedbackSpec("SUPPORT", "c-601", "Stark Industries", "ENTERPRISE", 320000, "Google Pay would double our mobile conversion", null, "wallets", "Apple Pay and Google Pay"),
            new FeedbackSpec("SURVEY", "c-602", "Stark Industries", "ENTERPRISE", 320000, "Reliable and easy, would recommend", 9, "checkout", null),
            new FeedbackSpec("OTHER", "c-701", "Wayne Enterprises", "ENTERPRISE", 280000, "Loyalty points would keep our customers coming back", 8, "loyalty", "Loyalty points"),
            new FeedbackSpec("IN_APP", "c-801", "Soylent", "SMB", 5000, "Slow and buggy on old phones", 3, "mobile", null));

    private static int seedFeedback(String feedbackUrl, UUID product, Map<String, String> initiatives, String token) {
        NorthstarClient client = new NorthstarClient(feedbackUrl, feedbackUrl, token);
        String base = feedbackUrl + "/api/v1/products/" + product;
        long deadline = System.nanoTime() + 30_000_000_000L;
        // feedback-service answers 404 for a product it has not heard of yet
        while (client.get(base + "/feedback").status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("feedback-service did not hear of product " + product);
            }
            NorthstarClient.pause(200);
        }
        int n = 0;
        for (FeedbackSpec spec : FEEDBACK) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("source", spec.source());
            body.put("customerId", spec.customer());
            body.put("account", spec.account());
            body.put("segment", spec.segment());
            body.put("accountValue", spec.accountValue());
            body.put("text", spec.text());
            if (spec.rating() != null) {
                body.put("rating", spec.rating());
            }
            body.put("tags", List.of(spec.tag()));
            body.put("externalId", "seed-" + (++n));
            String id = client.post(base + "/feedback", body).id();
            if (spec.about() != null) {
                String initiative = initiatives.get(spec.about());
                awaitOk(() -> client.post(base + "/feedback/" + id + "/links", Map.of("type", "INITIATIVE", "id", initiative)).status());
                awaitOk(() -> client.post(base + "/votes", Map.of("targetType", "INITIATIVE", "targetId", initiative,
                        "customerId", spec.customer(), "account", spec.account(), "accountValue", spec.accountValue())).status());
            }
        }
        // lost deals naming competitors, once feedback-service has heard of them (422 until then)
        for (String[] lost : new String[][]{
                {"c-901", "Cyberdyne", "Stripe", "Went with Stripe Checkout: their saved cards work in every market we sell in"},
                {"c-902", "Tyrell", "Adyen", "Chose them for in-store and online in one contract"}}) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("source", "SALES", "customerId", lost[0], "account", lost[1],
                    "competitor", lost[2], "text", lost[3], "lostDeal", true, "tags", List.of("lost-deal"),
                    "externalId", "seed-" + (++n)));
            awaitOk(() -> client.post(base + "/feedback", body).status());
        }
        return n;
    }

    /** Retries while feedback-service has not yet heard of the target (422). */
    private static void awaitOk(java.util.function.IntSupplier call) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status;
        while ((status = call.getAsInt()) == 422 && System.nanoTime() < deadline) {
            NorthstarClient.pause(200);
        }
        if (status / 100 != 2 && status != 409) {
            throw new IllegalStateException("seeding feedback failed with HTTP " + status);
        }
    }

    private static void addItem(NorthstarClient client, NorthstarClient team, UUID product, ItemSpec spec, String initiative) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", spec.type());
        body.put("title", spec.title());
        body.put("story", Map.of("asA", spec.asA(), "iWant", spec.iWant(), "soThat", spec.soThat()));
        body.put("acceptanceCriteria", spec.criteria());
        body.put("jobSize", spec.jobSize());
        body.put("businessValue", spec.value());
        body.put("timeCriticality", spec.criticality());
        body.put("riskReduction", spec.risk());
        body.put("labels", spec.labels());
        if (initiative != null) {
            body.put("initiativeId", initiative);
        }
        String id = expect(client.post(client.backlogItems(product), body), 201).id();
        List<String> teamSteps = switch (spec.progress()) {
            case "IN_PROGRESS" -> List.of("IN_PROGRESS");
            case "DONE", "ACCEPTED" -> List.of("IN_PROGRESS", "DONE");
            default -> List.of();
        };
        String item = client.backlogItems(product) + "/" + id;
        if (spec.progress().matches("READY|IN_PROGRESS|DONE|ACCEPTED")) {
            expect(client.post(item + "/transitions", Map.of("to", "READY")), 200);
        }
        for (String step : teamSteps) {
            expect(team.post(item + "/transitions", Map.of("to", step)), 200);
        }
        if (spec.progress().equals("ACCEPTED")) {
            List<Map<String, Object>> verdicts = new ArrayList<>();
            expect(client.get(item), 200).body().get("acceptanceCriteria")
                    .forEach(criterion -> verdicts.add(Map.of("id", criterion.get("id").asText(), "met", true)));
            expect(client.post(item + "/transitions", Map.of("to", "ACCEPTED", "criteria", verdicts)), 200);
        }
        if (spec.progress().equals("DISCARDED")) {
            expect(client.post(client.backlogItems(product) + "/" + id + "/discard",
                    Map.of("reason", "Crypto payments were dropped from the roadmap")), 200);
        }
    }

    /**
     * This quarter's objective: the north star (returning buyers' weekly checkouts, measured by the shop and reported for the
     * last four weeks, short of its trend), NPS and accepted work (computed by analytics).
     */
    private static void seedObjective(NorthstarClient client, String base, String theme, List<String> initiatives) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        JsonNode objective = expect(client.post(base + "/objectives", Map.of(
                "title", "Returning buyers pay in one tap", "period", quarter,
                "keyResults", List.of(
                        Map.of("metric", "weekly.returning.checkouts", "unit", "checkouts", "baseline", 3200, "target", 4500,
                                "northStar", true),
                        Map.of("metric", "nps.30d", "baseline", 0, "target", 30),
                        Map.of("metric", "items.accepted.30d", "baseline", 0, "target", 10)),
                "themeIds", List.of(theme), "initiativeIds", initiatives)), 201).body();
        String northStar = objective.get("keyResults").get(0).get("id").asText();
        int[] weekly = {3200, 3350, 3500, 3610};
        for (int week = 0; week < weekly.length; week++) {
            expect(client.post(base + "/key-results/" + northStar + "/measurements", Map.of("value", weekly[week],
                    "at", Instant.now().minus(Duration.ofDays(7L * (weekly.length - 1 - week))).toString())), 201);
        }
    }

    /** Business cases for three initiatives: two that pay back, one that does not. */
    private static void seedBusinessCases(NorthstarClient client, String base, Map<String, String> initiatives) {
        Object[][] cases = {
                {"Saved cards", 120000, 480000, 60, 3},
                {"Apple Pay and Google Pay", 80000, 380000, 50, 2},
                {"Subscriptions", 200000, 250000, 40, 6}};
        for (Object[] c : cases) {
            expect(client.put(base + "/initiatives/" + initiatives.get((String) c[0]) + "/business-case", Map.of("cost", c[1],
                    "expectedValue", c[2], "valueKind", "REVENUE", "confidence", c[3], "timeToValueMonths", c[4])), 200);
        }
    }

    /** The product manager's latest word on the initiatives under way. */
    private static void seedHealth(NorthstarClient client, String base, Map<String, String> initiatives) {
        String[][] reports = {
                {"Saved cards", "ON_TRACK", "Card vault integrated; the CVC-only payment ships next week"},
                {"One-page checkout", "AT_RISK", "Irish postcodes fail address validation on the new page: the postcode fix comes first"}};
        for (String[] report : reports) {
            expect(client.post(base + "/initiatives/" + initiatives.get(report[0]) + "/health",
                    Map.of("status", report[1], "text", report[2])), 200);
        }
    }

    /** Two competitors and where two initiatives stand against them. */
    private static void seedCompetitors(NorthstarClient client, String base, Map<String, String> initiatives) {
        String stripe = expect(client.post(base + "/competitors", Map.of("name", "Stripe", "segment", "Developers and platforms",
                "strengths", List.of("API", "Saved cards in 40 markets"), "weaknesses", List.of("Support for small merchants"),
                "keywords", List.of("stripe checkout"))), 201).id();
        String adyen = expect(client.post(base + "/competitors", Map.of("name", "Adyen", "segment", "Enterprise retail",
                "strengths", List.of("Unified commerce"), "weaknesses", List.of("Onboarding takes weeks"))), 201).id();
        expect(client.put(base + "/competitors/" + stripe + "/comparisons/" + initiatives.get("Saved cards"),
                Map.of("position", "BEHIND", "note", "They store cards in 40 markets, we in 3")), 200);
        expect(client.put(base + "/competitors/" + adyen + "/comparisons/" + initiatives.get("Apple Pay and Google Pay"),
                Map.of("position", "PARITY")), 200);
    }

    /** The product owner's pin: the item with this title goes to the top of the backlog whatever its score. */
    private static void pinFirst(NorthstarClient client, UUID product, String title, String reason) {
        for (JsonNode item : expect(client.get(client.backlogItems(product) + "?limit=200"), 200).body().get("items")) {
            if (item.get("title").asText().equals(title)) {
                expect(client.put(client.backlogItems(product) + "/" + item.get("id").asText() + "/pin",
                        Map.of("position", 1, "reason", reason)), 200);
                return;
            }
        }
        throw new IllegalStateException("no item \"" + title + "\" to pin");
    }

    /** backlog-service learns of an initiative from Kafka; linking before that would be refused. */
    private static void awaitInitiativeKnown(NorthstarClient client, UUID product, String initiative) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String known = client.backlogItems(product).replace("/backlog/items", "/backlog/initiatives/") + initiative;
        while (client.get(known).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("backlog-service did not hear of initiative " + initiative);
            }
            NorthstarClient.pause(100);
        }
    }
}
