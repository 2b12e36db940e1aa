package dev.northstar.backlog.domain;

import dev.northstar.backlog.domain.BacklogItemEvent.AcceptanceCriterionAdded;
import dev.northstar.backlog.domain.BacklogItemEvent.BlockerAdded;
import dev.northstar.backlog.domain.BacklogItemEvent.BlockerRemoved;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemPlacedInEpic;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemTakenOutOfEpic;
import dev.northstar.backlog.domain.BacklogItemEvent.AcceptanceCriterionRemoved;
import dev.northstar.backlog.domain.BacklogItemEvent.CostOfDelayAssessed;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemAccepted;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemCreated;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemDemandChanged;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemDiscarded;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemEstimated;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemLinkedToInitiative;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemMadeReady;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemPinned;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemUnpinned;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemRejected;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemReprioritized;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemRestored;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemUnlinkedFromInitiative;
import dev.northstar.backlog.domain.BacklogItemEvent.WorkFinished;
import dev.northstar.backlog.domain.BacklogItemEvent.WorkPaused;
import dev.northstar.backlog.domain.BacklogItemEvent.WorkStarted;
import dev.northstar.backlog.domain.BacklogRuleViolation.CriteriaNotJudged;
import dev.northstar.backlog.domain.BacklogRuleViolation.CriteriaNotMet;
import dev.northstar.backlog.domain.BacklogRuleViolation.CriterionNotFound;
import dev.northstar.backlog.domain.BacklogRuleViolation.DependencyCycle;
import dev.northstar.backlog.domain.BacklogRuleViolation.EpicStructure;
import dev.northstar.backlog.domain.BacklogRuleViolation.InvalidValue;
import dev.northstar.backlog.domain.BacklogRuleViolation.ItemClosed;
import dev.northstar.backlog.domain.BacklogRuleViolation.ItemIsDiscarded;
import dev.northstar.backlog.domain.BacklogRuleViolation.NeedsProductOwner;
import dev.northstar.backlog.domain.BacklogRuleViolation.NotReady;
import dev.northstar.backlog.domain.BacklogRuleViolation.RejectionNeedsReason;
import dev.northstar.backlog.domain.BacklogRuleViolation.SelfAcceptance;
import dev.northstar.backlog.domain.BacklogRuleViolation.TransitionNotAllowed;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.northstar.backlog.domain.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacklogItemTest {
    static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID PRODUCT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID CRITERION = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    static final Actor PO = Actor.productOwner("po");
    static final Actor DEV = Actor.teamMember("dev");
    static final UserStory STORY = new UserStory("product owner", "to sort my backlog by value", "the team builds what matters first");

    static ItemCreated created() {
        return new ItemCreated(ITEM, PRODUCT, ItemType.STORY, "Sort the backlog", STORY, Set.of());
    }

    static ItemCreated createdWithoutStory() {
        return new ItemCreated(ITEM, PRODUCT, ItemType.STORY, "Sort the backlog", null, Set.of());
    }

    static AcceptanceCriterionAdded criterion() {
        return new AcceptanceCriterionAdded(CRITERION, "Items are listed by score, highest first");
    }

    static CriterionVerdict met() {
        return new CriterionVerdict(CRITERION, true, null);
    }

    static BacklogItemEvent[] ready() {
        return new BacklogItemEvent[]{created(), criterion(), new ItemEstimated(3), new ItemMadeReady()};
    }

    static BacklogItemEvent[] done() {
        return new BacklogItemEvent[]{created(), criterion(), new ItemEstimated(3), new ItemMadeReady(), new WorkStarted(),
                new WorkFinished("dev")};
    }

    @Nested
    class Creating {
        @Test
        void an_item_with_everything_given_records_each_fact_as_its_own_event() {
            Iterator<UUID> ids = List.of(CRITERION).iterator();
            UUID initiative = UUID.randomUUID();
            NewItem spec = new NewItem(ItemType.BUG, " Crash on save ", STORY, List.of("Saving works"), 5, 8, 3, 1,
                    Set.of("mobile"), initiative, null, null);

            RoadmapContext context = new RoadmapContext(initiative, "NEXT", "PLANNED", UUID.randomUUID(), BigDecimal.ONE);
            assertThat(BacklogItem.create(ITEM, PRODUCT, spec, context, ids::next)).containsExactly(
                    new ItemCreated(ITEM, PRODUCT, ItemType.BUG, "Crash on save", STORY, Set.of("mobile")),
                    new AcceptanceCriterionAdded(CRITERION, "Saving works"),
                    new ItemEstimated(5),
                    new CostOfDelayAssessed(8, 3, 1),
                    new ItemLinkedToInitiative(initiative, context));
        }

        @Test
        void an_estimate_off_the_scale_is_refused() {
            NewItem spec = new NewItem(ItemType.STORY, "x", null, null, 4, null, null, null, null, null, null, null);
            assertThatThrownBy(() -> BacklogItem.create(ITEM, PRODUCT, spec, null, UUID::randomUUID))
                    .isInstanceOf(InvalidValue.class).hasMessageContaining("jobSize must be one of [1, 2, 3, 5, 8, 13, 20]");
        }
    }

    @Nested
    class DefinitionOfReady {
        @Test
        void an_item_with_story_criterion_and_estimate_becomes_ready() {
            given(created(), criterion(), new ItemEstimated(3))
                    .when(item -> item.moveTo(WorkflowStep.READY, null, PO))
                    .then(new ItemMadeReady());
        }

        @Test
        void an_item_without_story_criteria_or_estimate_is_not_ready_and_says_what_is_missing() {
            given(createdWithoutStory())
                    .when(item -> item.moveTo(WorkflowStep.READY, null, PO))
                    .thenFails(NotReady.class, "story", "at least one acceptance criterion", "estimate");
        }

        @Test
        void removing_the_last_criterion_makes_an_item_unready_again() {
            given(created(), criterion(), new ItemEstimated(3), new AcceptanceCriterionRemoved(CRITERION))
                    .when(item -> item.moveTo(WorkflowStep.READY, null, PO))
                    .thenFails(NotReady.class, "at least one acceptance criterion");
        }
    }

    @Nested
    class Workflow {
        @Test
        void new_work_cannot_jump_to_done_and_the_refusal_names_the_allowed_steps() {
            given(created())
                    .when(item -> item.moveTo(WorkflowStep.DONE, null, DEV))
                    .thenFails(TransitionNotAllowed.class, "NEW cannot become DONE", "[READY]");
        }

        @Test
        void ready_work_can_start() {
            given(ready()).when(item -> item.moveTo(WorkflowStep.IN_PROGRESS, null, DEV)).then(new WorkStarted());
        }

        @Test
        void only_done_work_can_be_accepted() {
            given(ready()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, PO))
                    .thenFails(TransitionNotAllowed.class, "READY cannot become ACCEPTED");
        }

        @Test
        void the_product_owner_accepts_done_work() {
            given(done()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, List.of(met()),
                            Actor.productOwner("po@example.com"), AcceptancePolicy.DEFAULT, Set.of()))
                    .then(new ItemAccepted("po@example.com", List.of(met())));
        }

        @Test
        void a_rejection_carries_a_reason_and_sends_the_item_back_in_progress() {
            given(done()).when(item -> item.moveTo(WorkflowStep.REJECTED, " Sorting ignores ties ", PO))
                    .then(new ItemRejected("Sorting ignores ties", "po", List.of()));

            BacklogItem rejected = BacklogItem.apply(BacklogItem.replay(List.of(done())), new ItemRejected("Sorting ignores ties", "po", List.of()));
            assertThat(rejected.status()).isEqualTo(ItemStatus.IN_PROGRESS);
            assertThat(rejected.lastRejection()).isEqualTo(new Rejection("Sorting ignores ties", "po", List.of()));
        }

        @Test
        void a_rejection_without_reason_is_refused() {
            given(done()).when(item -> item.moveTo(WorkflowStep.REJECTED, " ", PO)).thenFails(RejectionNeedsReason.class);
        }

        @Test
        void accepted_work_is_closed_to_changes() {
            BacklogItemEvent[] accepted = Stream.concat(Arrays.stream(done()), Stream.of(new ItemAccepted("po", List.of())))
                    .toArray(BacklogItemEvent[]::new);
            given(accepted).when(item -> item.estimate(5)).thenFails(ItemClosed.class);
            given(accepted).when(item -> item.moveTo(WorkflowStep.IN_PROGRESS, null, DEV))
                    .thenFails(TransitionNotAllowed.class, "allowed: none");
        }
    }

    @Nested
    class AcceptanceAgainstTheCriteria {
        static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-0000000000c2");

        static BacklogItemEvent[] doneWithTwoCriteria() {
            return new BacklogItemEvent[]{created(), criterion(), new AcceptanceCriterionAdded(SECOND, "Ties keep their order"),
                    new ItemEstimated(3), new ItemMadeReady(), new WorkStarted(), new WorkFinished("dev")};
        }

        @Test
        void a_team_member_starts_pauses_and_finishes_work() {
            given(ready()).when(item -> item.moveTo(WorkflowStep.IN_PROGRESS, null, DEV)).then(new WorkStarted());
            given(created(), criterion(), new ItemEstimated(3), new ItemMadeReady(), new WorkStarted())
                    .when(item -> item.moveTo(WorkflowStep.READY, null, DEV)).then(new WorkPaused());
            given(created(), criterion(), new ItemEstimated(3), new ItemMadeReady(), new WorkStarted())
                    .when(item -> item.moveTo(WorkflowStep.DONE, null, DEV)).then(new WorkFinished("dev"));
        }

        @Test
        void a_team_member_neither_accepts_nor_rejects_nor_plans_work() {
            Actor teamMember = Actor.teamMember("someone-else");
            given(done()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, List.of(met()), teamMember, AcceptancePolicy.DEFAULT, Set.of()))
                    .thenFails(NeedsProductOwner.class, "ACCEPTED needs the product-owner role");
            given(done()).when(item -> item.moveTo(WorkflowStep.REJECTED, "no", teamMember))
                    .thenFails(NeedsProductOwner.class, "REJECTED");
            given(created(), criterion(), new ItemEstimated(3), new ItemMadeReady())
                    .when(item -> item.moveTo(WorkflowStep.NEW, null, teamMember)).thenFails(NeedsProductOwner.class);
            given(created(), criterion(), new ItemEstimated(3))
                    .when(item -> item.moveTo(WorkflowStep.READY, null, teamMember)).thenFails(NeedsProductOwner.class);
        }

        @Test
        void whoever_finished_the_work_accepts_it_only_where_the_product_allows_it() {
            Actor finisher = Actor.productOwner("dev");
            given(done()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, List.of(met()), finisher, AcceptancePolicy.DEFAULT, Set.of()))
                    .thenFails(SelfAcceptance.class, "dev finished this item");
            given(done()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, List.of(met()), finisher, new AcceptancePolicy(true), Set.of()))
                    .then(new ItemAccepted("dev", List.of(met())));
        }

        @Test
        void an_acceptance_judges_every_criterion_and_all_must_be_met() {
            given(doneWithTwoCriteria()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, List.of(met()), PO, AcceptancePolicy.DEFAULT, Set.of()))
                    .thenFails(CriteriaNotJudged.class, SECOND.toString());
            given(doneWithTwoCriteria()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null,
                            List.of(met(), new CriterionVerdict(SECOND, false, "ties swap")), PO, AcceptancePolicy.DEFAULT, Set.of()))
                    .thenFails(CriteriaNotMet.class, "not met: [" + SECOND + "]", "reject the item instead");
            given(doneWithTwoCriteria()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null,
                            List.of(met(), new CriterionVerdict(SECOND, true, " checked on staging ")), PO, AcceptancePolicy.DEFAULT, Set.of()))
                    .then(new ItemAccepted("po", List.of(met(), new CriterionVerdict(SECOND, true, "checked on staging"))));
        }

        @Test
        void verdicts_name_criteria_of_the_item_once_each_and_only_in_a_review() {
            UUID stranger = UUID.randomUUID();
            given(done()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, List.of(new CriterionVerdict(stranger, true, null)),
                    PO, AcceptancePolicy.DEFAULT, Set.of())).thenFails(InvalidValue.class, stranger + ", which is not a criterion of this item");
            given(done()).when(item -> item.moveTo(WorkflowStep.ACCEPTED, null, List.of(met(), met()), PO, AcceptancePolicy.DEFAULT, Set.of()))
                    .thenFails(InvalidValue.class, "twice");
            given(ready()).when(item -> item.moveTo(WorkflowStep.IN_PROGRESS, null, List.of(met()), PO, AcceptancePolicy.DEFAULT, Set.of()))
                    .thenFails(InvalidValue.class, "only when accepting or rejecting");
        }

        @Test
        void a_rejection_names_the_unmet_criteria_and_the_item_shows_the_last_verdict_on_each() {
            CriterionVerdict unmet = new CriterionVerdict(SECOND, false, "ties swap");
            given(doneWithTwoCriteria()).when(item -> item.moveTo(WorkflowStep.REJECTED, "Ties move", List.of(met(), unmet), PO,
                    AcceptancePolicy.DEFAULT, Set.of())).then(new ItemRejected("Ties move", "po", List.of(met(), unmet)));

            BacklogItem rejected = BacklogItem.replay(List.of(DiscardAndRestore.with(doneWithTwoCriteria(),
                    new ItemRejected("Ties move", "po", List.of(met(), unmet)))));
            assertThat(rejected.lastRejection()).isEqualTo(new Rejection("Ties move", "po", List.of(SECOND)));
            assertThat(rejected.acceptanceCriteria()).extracting(AcceptanceCriterion::lastVerdict).containsExactly(
                    new AcceptanceCriterion.LastVerdict(true, null, "po"), new AcceptanceCriterion.LastVerdict(false, "ties swap", "po"));

            BacklogItem edited = BacklogItem.apply(rejected, new BacklogItemEvent.AcceptanceCriterionEdited(SECOND, "Ties keep their order, always"));
            assertThat(edited.acceptanceCriteria().get(1).lastVerdict()).as("an edited criterion awaits a new verdict").isNull();
        }
    }

    @Nested
    class EpicsAndBlockers {
        static final UUID EPIC = UUID.fromString("00000000-0000-0000-0000-0000000000e9");
        static final UUID OTHER_EPIC = UUID.fromString("00000000-0000-0000-0000-0000000000ea");
        static final UUID BLOCKER = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

        @Test
        void an_item_sits_in_one_epic_at_a_time() {
            given(created()).when(item -> item.placeInEpic(EPIC, ItemType.EPIC)).then(new ItemPlacedInEpic(EPIC));
            given(created(), new ItemPlacedInEpic(EPIC)).when(item -> item.placeInEpic(OTHER_EPIC, ItemType.EPIC))
                    .then(new ItemTakenOutOfEpic(EPIC), new ItemPlacedInEpic(OTHER_EPIC));
            given(created(), new ItemPlacedInEpic(EPIC)).when(item -> item.placeInEpic(EPIC, ItemType.EPIC)).thenNothingHappens();
            given(created(), new ItemPlacedInEpic(EPIC)).when(BacklogItem::takeOutOfEpic).then(new ItemTakenOutOfEpic(EPIC));
            assertThat(BacklogItem.replay(List.of(created(), new ItemPlacedInEpic(EPIC))).relations().parentId()).isEqualTo(EPIC);
        }

        @Test
        void only_an_epic_holds_items_and_an_epic_sits_in_none() {
            given(created()).when(item -> item.placeInEpic(EPIC, ItemType.STORY))
                    .thenFails(EpicStructure.class, "is a STORY, not an EPIC");
            given(new ItemCreated(ITEM, PRODUCT, ItemType.EPIC, "Wallets", null, Set.of()))
                    .when(item -> item.placeInEpic(EPIC, ItemType.EPIC)).thenFails(EpicStructure.class, "an epic cannot sit in another epic");
            given(created(), new ItemPlacedInEpic(EPIC)).when(item -> item.editDetails(ItemType.EPIC, null, null))
                    .thenFails(EpicStructure.class, "take it out of");
            given(new ItemCreated(ITEM, PRODUCT, ItemType.EPIC, "Wallets", null, Set.of()))
                    .when(item -> item.editDetails(ItemType.STORY, null, null, 2)).thenFails(EpicStructure.class, "holding 2 items");
            given(new ItemCreated(ITEM, PRODUCT, ItemType.EPIC, "Wallets", null, Set.of()))
                    .when(item -> item.editDetails(ItemType.STORY, null, null, 0))
                    .then(new BacklogItemEvent.ItemDetailsEdited(ItemType.STORY, "Wallets", null));
        }

        @Test
        void an_epic_takes_no_workflow_steps() {
            given(new ItemCreated(ITEM, PRODUCT, ItemType.EPIC, "Wallets", STORY, Set.of()), criterion(), new ItemEstimated(13))
                    .when(item -> item.moveTo(WorkflowStep.READY, null, PO)).thenFails(EpicStructure.class, "its progress is its items'");
        }

        @Test
        void a_blocker_is_recorded_once_and_a_cycle_is_refused() {
            given(created()).when(item -> item.addBlocker(BLOCKER, Set.of())).then(new BlockerAdded(BLOCKER));
            given(created(), new BlockerAdded(BLOCKER)).when(item -> item.addBlocker(BLOCKER, Set.of())).thenNothingHappens();
            given(created()).when(item -> item.addBlocker(BLOCKER, Set.of(UUID.randomUUID(), ITEM)))
                    .thenFails(DependencyCycle.class, "would close a cycle");
            given(created()).when(item -> item.addBlocker(ITEM, Set.of())).thenFails(DependencyCycle.class, "cannot block itself");
            given(created(), new BlockerAdded(BLOCKER)).when(item -> item.removeBlocker(BLOCKER)).then(new BlockerRemoved(BLOCKER));
            given(created()).when(item -> item.removeBlocker(BLOCKER)).thenNothingHappens();
        }

        @Test
        void an_open_blocker_keeps_the_item_from_being_ready_and_the_refusal_names_it() {
            BacklogItemEvent[] blocked = {created(), criterion(), new ItemEstimated(3), new BlockerAdded(BLOCKER)};
            given(blocked).when(item -> item.moveTo(WorkflowStep.READY, null, List.of(), PO, AcceptancePolicy.DEFAULT, Set.of(BLOCKER)))
                    .thenFails(NotReady.class, "blocker " + BLOCKER + " done");
            given(blocked).when(item -> item.moveTo(WorkflowStep.READY, null, List.of(), PO, AcceptancePolicy.DEFAULT, Set.of()))
                    .then(new ItemMadeReady());
        }
    }

    @Nested
    class Editing {
        @Test
        void an_estimate_that_does_not_change_records_nothing() {
            given(created(), new ItemEstimated(3)).when(item -> item.estimate(3)).thenNothingHappens();
        }

        @Test
        void editing_an_unknown_criterion_is_refused() {
            given(created()).when(item -> item.editCriterion(UUID.randomUUID(), "x")).thenFails(CriterionNotFound.class);
        }

        @Test
        void relinking_moves_the_item_from_one_initiative_to_the_other() {
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            given(created(), new ItemLinkedToInitiative(first, null))
                    .when(item -> item.linkToInitiative(second, null))
                    .then(new ItemUnlinkedFromInitiative(first), new ItemLinkedToInitiative(second, null));
        }

        @Test
        void the_first_cost_of_delay_needs_all_three_inputs() {
            given(created()).when(item -> item.assessCostOfDelay(5, null, null)).thenFails(InvalidValue.class, "together");
            given(created(), new CostOfDelayAssessed(5, 3, 1))
                    .when(item -> item.assessCostOfDelay(8, null, null))
                    .then(new CostOfDelayAssessed(8, 3, 1));
        }
    }

    @Nested
    class RoadmapContextInPriority {
        static final UUID INITIATIVE = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
        static final UUID THEME = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
        static final PriorityCause MOVED = new PriorityCause(UUID.fromString("00000000-0000-0000-0000-00000000cafe"),
                "northstar.roadmap.InitiativeMoved.v1");

        static RoadmapContext in(String horizon, String status, String weight) {
            return new RoadmapContext(INITIATIVE, horizon, status, THEME, new BigDecimal(weight));
        }

        static BacklogItemEvent[] linkedIn(RoadmapContext context) {
            return new BacklogItemEvent[]{created(), new ItemEstimated(2), new CostOfDelayAssessed(5, 3, 2),
                    new ItemLinkedToInitiative(INITIATIVE, context)};
        }

        @Test
        void moving_the_initiative_to_now_adds_the_horizon_bonus_and_records_the_cause() {
            given(linkedIn(in("LATER", "PLANNED", "1.00")))
                    .when(item -> item.reprioritize(in("NOW", "PLANNED", "1.00"), 7, 2, MOVED))
                    .then(new ItemReprioritized(in("NOW", "PLANNED", "1.00"), new BigDecimal("5.00"), new BigDecimal("9.00"), 7, 2, MOVED, false));
        }

        @Test
        void the_theme_weight_scales_and_a_dropped_initiative_demotes() {
            BacklogItem item = BacklogItem.replay(List.of(linkedIn(in("NEXT", "PLANNED", "2.00"))));
            // (10 + 3) x 2 / 2
            assertThat(item.priority().score()).isEqualByComparingTo("13.00");
            // (10 + 0) x 2 x 0.25 / 2: no horizon bonus for a dropped initiative
            assertThat(item.priorityWith(in("NEXT", "DROPPED", "2.00")).score()).isEqualByComparingTo("2.50");
        }

        @Test
        void a_change_that_leaves_the_context_as_it_is_records_nothing() {
            given(linkedIn(in("NOW", "PLANNED", "1.00")))
                    .when(item -> item.reprioritize(in("NOW", "PLANNED", "1.00"), 1, 1, MOVED))
                    .thenNothingHappens();
        }

        @Test
        void items_of_another_initiative_and_accepted_items_are_not_reprioritized() {
            given(created(), new ItemLinkedToInitiative(UUID.randomUUID(), null))
                    .when(item -> item.reprioritize(in("NOW", "PLANNED", "1.00"), 1, 1, MOVED))
                    .thenNothingHappens();
        }
    }

    @Nested
    class DiscardAndRestore {
        static BacklogItemEvent[] with(BacklogItemEvent[] history, BacklogItemEvent... more) {
            return Stream.concat(Arrays.stream(history), Arrays.stream(more)).toArray(BacklogItemEvent[]::new);
        }

        static ItemDiscarded discardedFrom(ItemStatus status) {
            return new ItemDiscarded("Customers pay by wallet instead", "po", status);
        }

        @Test
        void work_in_any_open_status_can_be_discarded_with_its_reason_and_the_status_it_left() {
            given(created()).when(item -> item.discard(" Customers pay by wallet instead ", "po"))
                    .then(discardedFrom(ItemStatus.NEW));
            given(done()).when(item -> item.discard("Customers pay by wallet instead", "po"))
                    .then(discardedFrom(ItemStatus.DONE));
        }

        @Test
        void a_discard_needs_a_reason() {
            given(created()).when(item -> item.discard("  ", "po")).thenFails(InvalidValue.class, "reason");
        }

        @Test
        void accepted_work_cannot_be_discarded_and_discarded_work_not_discarded_again() {
            given(with(done(), new ItemAccepted("po", List.of()))).when(item -> item.discard("late", "po")).thenFails(ItemClosed.class);
            given(created(), discardedFrom(ItemStatus.NEW)).when(item -> item.discard("again", "po"))
                    .thenFails(ItemIsDiscarded.class, "DISCARDED", "Customers pay by wallet instead", "restore it first");
        }

        @Test
        void a_discarded_item_takes_no_edits_and_no_workflow_steps_until_it_is_restored() {
            given(created(), discardedFrom(ItemStatus.NEW)).when(item -> item.estimate(5)).thenFails(ItemIsDiscarded.class);
            given(with(ready(), discardedFrom(ItemStatus.READY)))
                    .when(item -> item.moveTo(WorkflowStep.IN_PROGRESS, null, DEV))
                    .thenFails(TransitionNotAllowed.class, "DISCARDED cannot become IN_PROGRESS");
        }

        @Test
        void the_state_shows_why_it_was_discarded_and_it_has_no_rank() {
            BacklogItem item = BacklogItem.replay(List.of(with(ready(), discardedFrom(ItemStatus.READY))));
            assertThat(item.status()).isEqualTo(ItemStatus.DISCARDED);
            assertThat(item.status().ranked()).isFalse();
            assertThat(item.discarded()).isEqualTo(new Discard("Customers pay by wallet instead", "po", ItemStatus.READY));
            assertThat(WorkflowStep.allowedFrom(item.status())).isEmpty();
        }

        @Test
        void roadmap_and_demand_changes_pass_a_discarded_item_by() {
            RoadmapContext later = RoadmapContextInPriority.in("LATER", "PLANNED", "1.00");
            RoadmapContext now = RoadmapContextInPriority.in("NOW", "PLANNED", "1.00");
            BacklogItemEvent[] discarded = with(RoadmapContextInPriority.linkedIn(later), discardedFrom(ItemStatus.NEW));
            given(discarded).when(item -> item.reprioritize(now, null, null, RoadmapContextInPriority.MOVED)).thenNothingHappens();
            given(discarded).when(item -> item.changeDemand(new DemandSignal(5), null, null, CustomerDemand.METRIC))
                    .thenNothingHappens();
        }

        @Test
        void a_restored_item_is_new_again_and_scored_with_the_roadmap_and_demand_of_its_day() {
            RoadmapContext later = RoadmapContextInPriority.in("LATER", "PLANNED", "1.00");
            RoadmapContext now = RoadmapContextInPriority.in("NOW", "PLANNED", "1.00");
            BacklogItemEvent[] discarded = with(RoadmapContextInPriority.linkedIn(later), discardedFrom(ItemStatus.NEW));
            given(discarded).when(item -> item.restore("po", now, new DemandSignal(3)))
                    .then(new ItemRestored("po", now, new DemandSignal(3)));

            BacklogItem restored = BacklogItem.replay(List.of(with(discarded, new ItemRestored("po", now, new DemandSignal(3)))));
            assertThat(restored.status()).isEqualTo(ItemStatus.NEW);
            assertThat(restored.discarded()).isNull();
            assertThat(restored.priority().score()).isEqualByComparingTo(
                    BacklogItem.replay(List.of(RoadmapContextInPriority.linkedIn(now))).priorityWith(new DemandSignal(3)).score());
        }

        @Test
        void only_a_discarded_item_can_be_restored() {
            given(created()).when(item -> item.restore("po", null, null))
                    .thenFails(BacklogRuleViolation.ItemNotDiscarded.class, "only a DISCARDED item can be restored", "NEW");
        }
    }

    @Nested
    class Pins {
        static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-000000000002");
        static final UUID THIRD = UUID.fromString("00000000-0000-0000-0000-000000000003");
        static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");
        static final ItemPinned PINNED = new ItemPinned(new BigDecimal("9.500000000000"), PinPlace.above(OTHER),
                "The launch needs it", "po", NOON);
        /** The other items of the backlog in order: OTHER scores 9.00 under 10.00, THIRD 4.00 (ties with a fourth). */
        static final BacklogOrder ORDER = new ListedOrder(List.of(new BigDecimal("10.00"), new BigDecimal("9.00"),
                new BigDecimal("4.00"), new BigDecimal("4.00")), List.of(UUID.randomUUID(), OTHER, THIRD, UUID.randomUUID()));

        static BacklogItemEvent[] scored() {
            return new BacklogItemEvent[]{created(), new ItemEstimated(2), new CostOfDelayAssessed(5, 3, 2)};
        }

        @Test
        void a_pin_records_the_place_the_sort_key_between_its_new_neighbours_and_the_reason() {
            given(scored()).when(item -> item.pin(PinPlace.above(OTHER), ORDER, " The launch needs it ", "po", NOON)).then(PINNED);
            given(scored()).when(item -> item.pin(PinPlace.below(OTHER), ORDER, "why", "po", NOON))
                    .then(new ItemPinned(new BigDecimal("6.500000000000"), PinPlace.below(OTHER), "why", "po", NOON));
        }

        @Test
        void a_position_goes_above_the_item_there_and_past_the_end_below_the_last() {
            given(scored()).when(item -> item.pin(PinPlace.at(1), ORDER, "why", "po", NOON))
                    .then(new ItemPinned(new BigDecimal("11.000000000000"), PinPlace.at(1), "why", "po", NOON));
            given(scored()).when(item -> item.pin(PinPlace.at(2), ORDER, "why", "po", NOON))
                    .then(new ItemPinned(new BigDecimal("9.500000000000"), PinPlace.at(2), "why", "po", NOON));
            given(scored()).when(item -> item.pin(PinPlace.at(9), ORDER, "why", "po", NOON))
                    .then(new ItemPinned(new BigDecimal("3.000000000000"), PinPlace.at(9), "why", "po", NOON));
        }

        @Test
        void above_an_item_that_ties_with_the_one_before_it_means_above_both() {
            // THIRD and the fourth item both score 4.00: no key falls between them
            given(scored()).when(item -> item.pin(PinPlace.at(4), ORDER, "why", "po", NOON))
                    .then(new ItemPinned(new BigDecimal("6.500000000000"), PinPlace.at(4), "why", "po", NOON));
        }

        @Test
        void a_pin_against_an_item_out_of_the_ranking_is_refused() {
            UUID accepted = UUID.randomUUID();
            given(scored()).when(item -> item.pin(PinPlace.above(accepted), ORDER, "why", "po", NOON))
                    .thenFails(BacklogRuleViolation.NotRanked.class, accepted.toString());
        }

        @Test
        void a_pinned_item_keeps_its_score_but_sits_at_the_pin() {
            BacklogItem item = BacklogItem.replay(List.of(DiscardAndRestore.with(scored(), PINNED)));
            assertThat(item.priority().score()).isEqualByComparingTo("5.00");
            assertThat(item.sortKey()).isEqualByComparingTo("9.5");
            assertThat(item.pin().explanation()).isEqualTo("pinned by po at 2026-11-29T12:00:00Z: The launch needs it (above " + OTHER + ")");
            BacklogItem unpinned = BacklogItem.apply(item, new ItemUnpinned("po"));
            assertThat(unpinned.pin()).isNull();
            assertThat(unpinned.sortKey()).isEqualByComparingTo("5.00");
        }

        @Test
        void a_pin_needs_a_reason_and_exactly_one_place_that_is_not_the_item_itself() {
            given(scored()).when(item -> item.pin(PinPlace.above(OTHER), ORDER, " ", "po", NOON)).thenFails(InvalidValue.class, "reason");
            given(scored()).when(item -> item.pin(new PinPlace(OTHER, OTHER, null), ORDER, "why", "po", NOON))
                    .thenFails(InvalidValue.class, "exactly one of above, below or position");
            given(scored()).when(item -> item.pin(new PinPlace(null, null, null), ORDER, "why", "po", NOON))
                    .thenFails(InvalidValue.class, "exactly one");
            given(scored()).when(item -> item.pin(PinPlace.at(0), ORDER, "why", "po", NOON)).thenFails(InvalidValue.class, "1 or more");
            given(scored()).when(item -> item.pin(PinPlace.below(ITEM), ORDER, "why", "po", NOON)).thenFails(InvalidValue.class, "itself");
        }

        @Test
        void the_pin_holds_when_the_roadmap_or_demand_moves_the_score_and_the_event_says_so() {
            RoadmapContext later = RoadmapContextInPriority.in("LATER", "PLANNED", "1.00");
            RoadmapContext now = RoadmapContextInPriority.in("NOW", "PLANNED", "1.00");
            BacklogItemEvent[] pinned = DiscardAndRestore.with(RoadmapContextInPriority.linkedIn(later), PINNED);
            BacklogItem item = BacklogItem.replay(List.of(pinned));
            assertThat(item.sortKeyWith(now)).isEqualByComparingTo("9.5");
            assertThat(item.sortKeyWith(new DemandSignal(13))).isEqualByComparingTo("9.5");
            given(pinned).when(i -> i.reprioritize(now, 3, 3, RoadmapContextInPriority.MOVED))
                    .then(new ItemReprioritized(now, new BigDecimal("5.00"), new BigDecimal("9.00"), 3, 3, RoadmapContextInPriority.MOVED, true));
        }

        @Test
        void unpinning_an_unpinned_item_records_nothing_and_discarding_drops_the_pin() {
            given(scored()).when(item -> item.unpin("po")).thenNothingHappens();
            given(DiscardAndRestore.with(scored(), PINNED)).when(item -> item.unpin("po")).then(new ItemUnpinned("po"));
            BacklogItem discarded = BacklogItem.replay(List.of(DiscardAndRestore.with(scored(), PINNED,
                    DiscardAndRestore.discardedFrom(ItemStatus.NEW))));
            assertThat(discarded.pin()).isNull();
            given(DiscardAndRestore.with(done(), new ItemAccepted("po", List.of())))
                    .when(item -> item.pin(PinPlace.at(1), ORDER, "why", "po", NOON)).thenFails(ItemClosed.class);
        }

        @Test
        void in_an_empty_backlog_a_pin_keeps_the_score_as_its_key() {
            BacklogOrder empty = new ListedOrder(List.of(), List.of());
            given(scored()).when(item -> item.pin(PinPlace.at(1), empty, "why", "po", NOON))
                    .then(new ItemPinned(new BigDecimal("5.000000000000"), PinPlace.at(1), "why", "po", NOON));
        }

        @Test
        void a_pinned_key_falls_between_its_neighbours_until_no_key_is_left_there() {
            assertThat(PinPlace.between(new BigDecimal("8.00"), new BigDecimal("5.00"), null)).isEqualByComparingTo("6.5");
            assertThat(PinPlace.between(null, new BigDecimal("13.00"), null)).isEqualByComparingTo("14");
            assertThat(PinPlace.between(new BigDecimal("-1"), null, null)).isEqualByComparingTo("-2");
            assertThat(PinPlace.between(new BigDecimal("5.01"), new BigDecimal("5.00"), null).scale()).isEqualTo(PinPlace.SCALE);
            assertThatThrownBy(() -> PinPlace.between(new BigDecimal("5.000000000001"), new BigDecimal("5.000000000000"), null))
                    .isInstanceOf(BacklogRuleViolation.NoRoomForPin.class).hasMessageContaining("no sort key is left between");
        }

        @Test
        void a_pin_that_still_sits_at_its_place_holds_and_one_passed_by_another_item_is_placed_again() {
            BacklogItem pinnedFirst = BacklogItem.replay(List.of(DiscardAndRestore.with(scored(),
                    new ItemPinned(new BigDecimal("11"), PinPlace.at(1), "why", "po", NOON))));
            given(DiscardAndRestore.with(scored(), new ItemPinned(new BigDecimal("11"), PinPlace.at(1), "why", "po", NOON)))
                    .when(item -> item.holdPin(ORDER, ORDER)).thenNothingHappens();
            // another item rose to 12.00, past the pin's key
            BacklogOrder passed = new ListedOrder(List.of(new BigDecimal("12.00"), new BigDecimal("10.00")), List.of(THIRD, OTHER));
            assertThat(pinnedFirst.holdPin(passed, passed)).containsExactly(
                    new ItemPinned(new BigDecimal("13.000000000000"), PinPlace.at(1), "why", "po", NOON));
            // above OTHER, but an item now sits between them
            BacklogItem aboveOther = BacklogItem.apply(pinnedFirst, new ItemPinned(new BigDecimal("9.5"), PinPlace.above(OTHER), "why", "po", NOON));
            assertThat(aboveOther.holdPin(ORDER, ORDER)).isEmpty();
            BacklogOrder between = new ListedOrder(List.of(new BigDecimal("10.00"), new BigDecimal("9.20"), new BigDecimal("9.00")),
                    List.of(UUID.randomUUID(), THIRD, OTHER));
            assertThat(aboveOther.holdPin(between, between)).containsExactly(
                    new ItemPinned(new BigDecimal("9.100000000000"), PinPlace.above(OTHER), "why", "po", NOON));
            // its anchor left the ranking: nothing to hold to
            BacklogOrder anchorGone = new ListedOrder(List.of(BigDecimal.ONE), List.of(THIRD));
            assertThat(aboveOther.holdPin(anchorGone, anchorGone)).isEmpty();
            // judged among unpinned items only: another pin between it and its anchor does not displace it
            BacklogOrder unpinned = new ListedOrder(List.of(new BigDecimal("10.00"), new BigDecimal("9.00")), List.of(UUID.randomUUID(), OTHER));
            assertThat(aboveOther.holdPin(unpinned, between)).isEmpty();
        }

        /** A backlog order over a list of keys, highest first. */
        record ListedOrder(List<BigDecimal> keys, List<UUID> ids) implements BacklogOrder {
            public Optional<BigDecimal> sortKeyOf(UUID itemId) {
                int at = ids.indexOf(itemId);
                return at < 0 ? Optional.empty() : Optional.of(keys.get(at));
            }

            public Optional<BigDecimal> nextKeyAbove(BigDecimal key) {
                return keys.stream().filter(k -> k.compareTo(key) > 0).min(BigDecimal::compareTo);
            }

            public Optional<BigDecimal> nextKeyBelow(BigDecimal key) {
                return keys.stream().filter(k -> k.compareTo(key) < 0).max(BigDecimal::compareTo);
            }

            public Optional<BigDecimal> sortKeyAtRank(int rank) {
                return rank <= keys.size() ? Optional.of(keys.get(rank - 1)) : Optional.empty();
            }

            public Optional<BigDecimal> lowestKey() {
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getLast());
            }
        }
    }

    @Nested
    class CustomerDemand {
        static final PriorityCause METRIC = new PriorityCause(UUID.fromString("00000000-0000-0000-0000-00000000d00d"),
                "northstar.analytics.MetricChanged.v1");

        @Test
        void demand_adds_to_business_value_on_the_wsjf_scale() {
            assertThat(List.of(0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 40).stream().map(n -> new DemandSignal(n).bonus()))
                    .containsExactly(0, 1, 2, 3, 3, 5, 5, 8, 8, 13, 13);
        }

        @Test
        void more_demand_raises_the_score_and_records_its_cause() {
            given(created(), new ItemEstimated(2), new CostOfDelayAssessed(5, 3, 2))
                    .when(item -> item.changeDemand(new DemandSignal(3), 4, 1, METRIC))
                    // (5 + 3 + 3 + 2) / 2
                    .then(new ItemDemandChanged(new DemandSignal(3), new BigDecimal("5.00"), new BigDecimal("6.50"), 4, 1, METRIC, false));
        }

        @Test
        void the_same_demand_again_records_nothing() {
            given(created(), new ItemDemandChanged(new DemandSignal(2), null, null, null, null, METRIC, false))
                    .when(item -> item.changeDemand(new DemandSignal(2), 1, 1, METRIC))
                    .thenNothingHappens();
            given(created()).when(item -> item.changeDemand(new DemandSignal(0), 1, 1, METRIC)).thenNothingHappens();
        }
    }

    @Nested
    class Wsjf {
        @Test
        void the_score_is_cost_of_delay_over_job_size() {
            Priority priority = BacklogItem.replay(List.of(created(), new ItemEstimated(3), new CostOfDelayAssessed(8, 5, 2))).priority();
            assertThat(priority.costOfDelay()).isEqualTo(15);
            assertThat(priority.score()).isEqualByComparingTo(new BigDecimal("5.00"));
            assertThat(priority.missing()).isEmpty();
        }

        @Test
        void the_score_rounds_half_up_to_two_decimals() {
            Priority priority = BacklogItem.replay(List.of(created(), new ItemEstimated(3), new CostOfDelayAssessed(1, 1, 2))).priority();
            assertThat(priority.score()).isEqualByComparingTo(new BigDecimal("1.33"));
        }

        @Test
        void an_item_without_estimate_has_no_score_and_sorts_last() {
            Priority priority = BacklogItem.replay(List.of(created(), new CostOfDelayAssessed(8, 5, 2))).priority();
            assertThat(priority.score()).isNull();
            assertThat(priority.missing()).containsExactly("jobSize");
            assertThat(priority.sortKey()).isNegative();
        }
    }
}
