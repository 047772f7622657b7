using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Reporting;

namespace Copil.Domain.Actions;

/// <summary>
/// An action of an agreement, from its fiche action prévisionnelle to its fiche de réalisation (art. 14, 15 and 16 of
/// the seed). Every transition is a method with its guards; every submitted version is kept.
/// </summary>
public sealed class ActionSheet
{
    private readonly List<ActionSheetVersion> _versions = [];
    private readonly List<Opinion> _opinions = [];
    private readonly List<CommitteeDecision> _committeeDecisions = [];
    private readonly List<BoardDecision> _boardDecisions = [];
    private readonly List<ChangeRequest> _changeRequests = [];

    /// <summary>
    /// Whether the lists below were put in their order: a database returns the rows of a collection in no particular
    /// order (PostgreSQL after updates, a split query), and "the last version" or "the last decision" must not depend
    /// on it. Sorted once, on first use, by the keys of the agreement's own sequence; appends keep that order.
    /// </summary>
    private bool _inOrder;

    private void EnsureOrder()
    {
        if (_inOrder)
        {
            return;
        }

        _inOrder = true;
        Reorder(_versions, v => (v.Number, DateOnly.MinValue, DateOnly.MinValue));
        Reorder(_opinions, o => (o.VersionNumber, o.GivenOn, o.RecordedOn ?? DateOnly.MinValue));
        Reorder(_committeeDecisions, d => (d.VersionNumber, d.DecidedOn, DateOnly.MinValue));
        Reorder(_boardDecisions, d => (d.VersionNumber, d.DecidedOn, DateOnly.MinValue));
        Reorder(_changeRequests, c => (c.VersionNumber, c.RequestedOn, DateOnly.MinValue));
    }

    /// <summary>A stable sort in place: rows with equal keys keep the order they came in.</summary>
    private static void Reorder<T>(List<T> items, Func<T, (int, DateOnly, DateOnly)> key)
    {
        if (items.Count < 2)
        {
            return;
        }

        var sorted = items.OrderBy(key).ToList();
        items.Clear();
        items.AddRange(sorted);
    }

    private List<ActionSheetVersion> VersionsInOrder
    {
        get
        {
            EnsureOrder();
            return _versions;
        }
    }

    private List<Opinion> OpinionsInOrder
    {
        get
        {
            EnsureOrder();
            return _opinions;
        }
    }

    private List<CommitteeDecision> CommitteeDecisionsInOrder
    {
        get
        {
            EnsureOrder();
            return _committeeDecisions;
        }
    }

    private List<BoardDecision> BoardDecisionsInOrder
    {
        get
        {
            EnsureOrder();
            return _boardDecisions;
        }
    }

    private List<ChangeRequest> ChangeRequestsInOrder
    {
        get
        {
            EnsureOrder();
            return _changeRequests;
        }
    }

    private ActionSheet() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    /// <summary>Number within the agreement (fiche n° 12), given by the application.</summary>
    public int Number { get; private set; }

    /// <summary>The carrier organisation: a carrier sees and edits only its own organisation's sheets.</summary>
    public string CarrierOrganisation { get; private set; } = "";

    public ActionStatus Status { get; private set; }

    /// <summary>The version the committee validated last (the approved content), if any.</summary>
    public int? ApprovedVersionNumber { get; private set; }

    public CompletionReport? Report { get; private set; }

    /// <summary>Why the sheet was withdrawn or abandoned.</summary>
    public string? ClosingReason { get; private set; }

    /// <summary>What the last revision request asked the carrier to change.</summary>
    public string? RevisionReason { get; private set; }

    /// <summary>Incremented by every change: two people saving the same sheet never overwrite each other silently.</summary>
    public int Version { get; private set; }

    // A summary of the content in force, kept on the sheet itself so that lists filter and sort in SQL.
    public string Title { get; private set; } = "";

    public Guid? AxisId { get; private set; }

    public ActionLevel? Level { get; private set; }

    public DateOnly? StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    /// <summary>Codes of the régions académiques, comma-separated and framed (",28,84,") for a simple SQL match.</summary>
    public string RegionCodes { get; private set; } = ",";

    public long AmountAskedOfOpcoCents { get; private set; }

    public long TotalCents { get; private set; }

    /// <summary>The version the ministries are (or were last) asked to give an opinion on.</summary>
    public int? ReviewVersionNumber { get; private set; }

    /// <summary>The day that version was submitted: the opinions' due date follows from it (kept on the sheet so that the échéancier counts by index).</summary>
    public DateOnly? ReviewSubmittedOn { get; private set; }

    /// <summary>The year the action counts in for money and reports (the year it starts, ADR 12).</summary>
    public int? BudgetYear { get; private set; }

    /// <summary>What money, dashboards and reports read of this sheet, refreshed at every change; null only on rows older than it.</summary>
    public ActionFigures? Figures { get; private set; }

    /// <summary>When the committee first validated the action: the annual report counts the decisions of its year.</summary>
    public DateOnly? FirstValidatedOn { get; private set; }

    public IReadOnlyList<ActionSheetVersion> Versions => VersionsInOrder;

    public IReadOnlyList<Opinion> Opinions => OpinionsInOrder;

    public IReadOnlyList<CommitteeDecision> CommitteeDecisions => CommitteeDecisionsInOrder;

    public IReadOnlyList<BoardDecision> BoardDecisions => BoardDecisionsInOrder;

    public IReadOnlyList<ChangeRequest> ChangeRequests => ChangeRequestsInOrder;

    /// <summary>The latest version: the draft being edited, or the last one submitted.</summary>
    public ActionSheetVersion CurrentVersion => VersionsInOrder[^1];

    /// <summary>The last submitted version of the review (not counting change requests).</summary>
    public ActionSheetVersion? ReviewedVersion => VersionsInOrder.LastOrDefault(v => v.IsSubmitted && v.Purpose != VersionPurpose.ChangeRequest);

    public ActionSheetVersion? ApprovedVersion => ApprovedVersionNumber is { } n ? VersionsInOrder.First(v => v.Number == n) : null;

    /// <summary>The content in force: the approved one once validated, else the latest.</summary>
    public ActionSheetContent EffectiveContent => (ApprovedVersion ?? CurrentVersion).Content;

    public ChangeRequest? PendingChange => ChangeRequestsInOrder.FirstOrDefault(c => c.Status == ChangeRequestStatus.Pending);

    /// <summary>
    /// What the committee decides on now: the sheet, once the ministries' opinions are in (art. 14), or its pending change
    /// request (art. 15); none otherwise.
    /// </summary>
    public CommitteeMatter? AwaitedCommitteeMatter =>
        Status == ActionStatus.ReadyForCommittee ? CommitteeMatter.Sheet
        : PendingChange is not null ? CommitteeMatter.ChangeRequest
        : null;

    /// <summary>Art. 14 and 15: the committee decides on a sheet whose ministries' opinions are in, or on a pending change request.</summary>
    public bool AwaitsCommitteeDecision => AwaitedCommitteeMatter is not null;

    /// <summary>
    /// The committee's decision on the sheet or on its pending change, whatever made it (a recorded decision, a meeting
    /// vote, a written consultation). <paramref name="matter"/> is what the vote was about; a recorded decision passes
    /// null and decides what awaits. A matter that no longer awaits a decision is refused by name, never ignored.
    /// </summary>
    public Result<CommitteeDecision> DecideByCommittee(CommitteeMatter? matter, CommitteeOutcome outcome, DateOnly decidedOn, string reference, DecisionSource source, DateOnly today, CeilingCheck ceiling) =>
        (matter ?? AwaitedCommitteeMatter) == CommitteeMatter.ChangeRequest
            ? DecideChange(outcome, decidedOn, reference, source, today, ceiling)
            : RecordCommitteeDecision(outcome, decidedOn, reference, source, today, ceiling);

    /// <summary>Drafts a new action sheet. No new sheet once the agreement has ended, been terminated or become void (art. 17, 18).</summary>
    public static Result<ActionSheet> Draft(Agreement agreement, int number, string carrierOrganisation, ActionSheetContent content, DateOnly today)
    {
        var accepts = agreement.AcceptsNewActionsOn(today);
        if (accepts.IsFailure)
        {
            return Result<ActionSheet>.Failure(accepts.Errors);
        }

        var errors = content.ValidateDraft(agreement).ToList();
        if (string.IsNullOrWhiteSpace(carrierOrganisation) || carrierOrganisation.Trim().Length > 200)
        {
            errors.Add(new("sheet.carrier", "Indiquez l'organisme porteur (200 caractères au plus).", "CarrierOrganisation"));
        }

        if (errors.Count > 0)
        {
            return Result<ActionSheet>.Failure(errors);
        }

        var sheet = new ActionSheet
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            Number = number,
            CarrierOrganisation = carrierOrganisation.Trim(),
            Status = ActionStatus.Draft,
            Version = 1,
        };
        sheet.VersionsInOrder.Add(new ActionSheetVersion(1, VersionPurpose.Proposal, content));
        sheet.Summarise();
        return sheet;
    }

    /// <summary>Saves the draft (first proposal or asked revision); it may be incomplete.</summary>
    public Result EditDraft(Agreement agreement, ActionSheetContent content)
    {
        if (Status is not (ActionStatus.Draft or ActionStatus.RevisionRequested))
        {
            return WrongState("de modifier la fiche", "brouillon ou révision demandée");
        }

        var errors = content.ValidateDraft(agreement);
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        CurrentVersion.Replace(content);
        Touch();
        return Result.Success();
    }

    /// <summary>Submits the draft or the revision to the ministries' opinions; every missing item is listed at once.</summary>
    public Result Submit(Agreement agreement, DateOnly today)
    {
        if (Status is not (ActionStatus.Draft or ActionStatus.RevisionRequested))
        {
            return WrongState("de soumettre la fiche", "brouillon ou révision demandée");
        }

        var errors = new List<DomainError>();
        if (Status == ActionStatus.Draft && agreement.AcceptsNewActionsOn(today) is { IsFailure: true } ended)
        {
            errors.AddRange(ended.Errors);
        }

        errors.AddRange(CurrentVersion.Content.ValidateForSubmission(agreement));
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        CurrentVersion.MarkSubmitted(today);
        Status = ActionStatus.Submitted;
        Touch();
        return Result.Success();
    }

    /// <summary>The State parties that owe an opinion on the version under review.</summary>
    public IReadOnlyList<Party> AwaitedOpinions(Agreement agreement)
    {
        if (Status is not (ActionStatus.Submitted or ActionStatus.UnderReview) || ReviewedVersion is not { } version)
        {
            return [];
        }

        return [.. agreement.Parties.Where(p => p.IsState && OpinionsInOrder.All(o => o.VersionNumber != version.Number || o.PartyId != p.Id))];
    }

    public IReadOnlyList<Opinion> OpinionsOn(int versionNumber) => [.. OpinionsInOrder.Where(o => o.VersionNumber == versionNumber)];

    /// <summary>
    /// A ministry's opinion on the submitted version (art. 14): one per ministry and version; a réservé opinion states
    /// its recommendations. When every ministry has given its opinion, the sheet is ready for the committee. An opinion
    /// given before it is entered (history) carries its real date, from the version's submission to today.
    /// </summary>
    public Result<Opinion> GiveOpinion(Agreement agreement, Guid partyId, OpinionVerdict verdict, string? recommendations, string? comment, DateOnly today, string givenBy, DateOnly? givenOn = null)
    {
        if (Status is not (ActionStatus.Submitted or ActionStatus.UnderReview) || ReviewedVersion is not { } version)
        {
            return WrongState("de rendre un avis", "soumise ou en instruction");
        }

        var party = agreement.Parties.FirstOrDefault(p => p.Id == partyId);
        if (party is not { IsState: true })
        {
            return new DomainError("opinion.party", "Seul un ministère signataire de la convention rend un avis sur une fiche action (art. 14).", "PartyId");
        }

        if (OpinionsInOrder.Any(o => o.VersionNumber == version.Number && o.PartyId == partyId))
        {
            return new DomainError("opinion.twice", $"{party.ShortName} a déjà rendu son avis sur la version {version.Number} ; il se corrige avec un motif tant que le comité n'a pas statué.", "PartyId");
        }

        var errors = OpinionErrors(verdict, recommendations, comment);
        if (givenOn is { } day && (day > today || day < version.SubmittedOn))
        {
            errors.Add(new("opinion.date", day > today
                ? "La date de l'avis est à venir : indiquez le jour où il a été rendu, ou laissez vide pour aujourd'hui."
                : $"La version {version.Number} a été soumise le {FrenchText.Date(version.SubmittedOn!.Value)} : l'avis ne peut pas la précéder.", "GivenOn"));
        }

        if (errors.Count > 0)
        {
            return Result<Opinion>.Failure(errors);
        }

        var opinion = new Opinion(version.Number, partyId, verdict, Blank(recommendations), Blank(comment), givenOn ?? today, givenBy);
        if (givenOn is { } given && given < today)
        {
            opinion.EnteredOn(today);
        }

        OpinionsInOrder.Add(opinion);
        Status = AwaitedOpinions(agreement).Count == 0 ? ActionStatus.ReadyForCommittee : ActionStatus.UnderReview;
        Touch();
        return opinion;
    }

    /// <summary>What an opinion must say, whether given or corrected (art. 14: a réservé opinion states its recommendations).</summary>
    public static List<DomainError> OpinionErrors(OpinionVerdict verdict, string? recommendations, string? comment)
    {
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(verdict))
        {
            errors.Add(new("opinion.verdict", "Choisissez l'avis : favorable, réservé ou défavorable.", "Verdict"));
        }

        if (verdict == OpinionVerdict.Reserved && string.IsNullOrWhiteSpace(recommendations))
        {
            // art. 14: "En cas d'avis réservé, les ministères précisent les recommandations permettant d'obtenir un avis favorable."
            errors.Add(new("opinion.recommendations", "Un avis réservé précise les recommandations permettant d'obtenir un avis favorable (art. 14).", "Recommendations"));
        }

        if (recommendations is { Length: > ActionSheetContent.MaxTextLength } || comment is { Length: > ActionSheetContent.MaxTextLength })
        {
            errors.Add(new("opinion.length", "Les recommandations et le commentaire ne dépassent pas 10 000 caractères chacun.", "Comment"));
        }

        return errors;
    }

    /// <summary>
    /// Corrects a ministry's opinion on the version under review, with a reason, as long as the committee has not decided
    /// on the sheet (art. 14: the committee decides in view of the opinions); after that, the opinion stands as given.
    /// </summary>
    public Result<Opinion> CorrectOpinion(Guid partyId, OpinionVerdict verdict, string? recommendations, string? comment, string? reason, DateOnly today, string correctedBy)
    {
        if (Status is not (ActionStatus.Submitted or ActionStatus.UnderReview or ActionStatus.ReadyForCommittee) || ReviewedVersion is not { } version)
        {
            return new DomainError("opinion.correct.decided", $"La fiche n° {Number} est « {ActionLabels.Status(Status)} » : le comité a statué au vu des avis, qui ne se corrigent plus.");
        }

        if (OpinionsInOrder.FirstOrDefault(o => o.VersionNumber == version.Number && o.PartyId == partyId) is not { } opinion)
        {
            return new DomainError("opinion.correct.none", $"Aucun avis n'est enregistré pour ce ministère sur la version {version.Number} : il n'y a rien à corriger.", "PartyId");
        }

        var errors = OpinionErrors(verdict, recommendations, comment);
        if (Correction.ReasonRefusal(reason, "l'avis corrigé") is { } noReason)
        {
            errors.Add(noReason);
        }

        if (errors.Count == 0 && opinion.Verdict == verdict && opinion.Recommendations == Blank(recommendations) && opinion.Comment == Blank(comment))
        {
            errors.Add(new("correction.nothing", "La correction ne change rien à l'avis.", "Reason"));
        }

        if (errors.Count > 0)
        {
            return Result<Opinion>.Failure(errors);
        }

        var after = Opinion.SummaryOf(verdict, Blank(recommendations), Blank(comment));
        opinion.Correct(verdict, Blank(recommendations), Blank(comment), new Correction(today, correctedBy, reason!.Trim(), opinion.Summary(), after));
        Touch();
        return opinion;
    }

    /// <summary>Asks the carrier to revise the sheet (after a réservé or défavorable opinion, or at the committee's request); a revised version asks every opinion again.</summary>
    public Result RequestRevision(string reason)
    {
        if (Status is not (ActionStatus.Submitted or ActionStatus.UnderReview or ActionStatus.ReadyForCommittee))
        {
            return WrongState("de demander une révision", "soumise, en instruction ou prête pour le comité");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ActionSheetContent.MaxTextLength)
        {
            return new DomainError("revision.reason", "Indiquez ce qui doit être revu (10 000 caractères au plus).", "Reason");
        }

        VersionsInOrder.Add(new ActionSheetVersion(CurrentVersion.Number + 1, VersionPurpose.Revision, CurrentVersion.Content));
        RevisionReason = reason.Trim();
        Status = ActionStatus.RevisionRequested;
        Touch();
        return Result.Success();
    }

    /// <summary>Records the committee's decision on the sheet (art. 14: the copil instructs every action). A vote can be its source.</summary>
    /// <remarks>A validation that would take the year past its ceiling is refused when the agreement chose to block (art. 16).</remarks>
    public Result<CommitteeDecision> RecordCommitteeDecision(CommitteeOutcome outcome, DateOnly decidedOn, string reference, DecisionSource source, DateOnly today, CeilingCheck ceiling)
    {
        if (Status != ActionStatus.ReadyForCommittee || ReviewedVersion is not { } version)
        {
            return WrongState("d'enregistrer la décision du comité", "prête pour le comité (tous les avis rendus)");
        }

        var errors = ValidateDecision(decidedOn, version.SubmittedOn!.Value, reference, today);
        if (!Enum.IsDefined(outcome))
        {
            errors.Add(new("decision.outcome", "Choisissez la décision : validée, rejetée ou ajournée.", "Outcome"));
        }

        if (outcome == CommitteeOutcome.Validated && ceiling.Refusal is { } overCeiling)
        {
            errors.Add(overCeiling);
        }

        if (errors.Count > 0)
        {
            return Result<CommitteeDecision>.Failure(errors);
        }

        var decision = new CommitteeDecision(version.Number, outcome, decidedOn, reference.Trim(), source);
        CommitteeDecisionsInOrder.Add(decision);
        switch (outcome)
        {
            case CommitteeOutcome.Validated:
                ApprovedVersionNumber = version.Number;
                Status = ActionStatus.CommitteeValidated;
                break;
            case CommitteeOutcome.Rejected:
                Status = ActionStatus.CommitteeRejected;
                break;
        }

        Touch();
        return decision;
    }

    /// <summary>
    /// Undoes the decision a meeting vote made, because that vote was corrected before its minutes were validated
    /// (art. 14): the sheet, or its change request, awaits the committee again. Only while the sheet stands where that
    /// decision left it; once it moved on (a board decision, a later decision), the correction is refused by name.
    /// Nothing to undo when the vote made no decision on the sheet.
    /// </summary>
    public Result WithdrawVoteDecision(Guid voteId) =>
        CommitteeDecisionsInOrder.LastOrDefault(d => d.VoteId == voteId) is { } decision ? Withdraw(decision) : Result.Success();

    /// <summary>
    /// Corrects a committee decision the secretariat recorded (a wrong outcome typed), with a reason, while the sheet
    /// stands where that decision left it: the decision is withdrawn and the corrected one recorded with the same date
    /// and reference, the sheet's own rules applying (ceiling of art. 16 included). A decision made by a vote is
    /// corrected on its vote, before the minutes are validated.
    /// </summary>
    public Result<CommitteeDecision> CorrectRecordedDecision(Guid decisionId, CommitteeOutcome outcome, string? reason, DateOnly today, string correctedBy, CeilingCheck ceiling)
    {
        if (CommitteeDecisionsInOrder.FirstOrDefault(d => d.Id == decisionId) is not { } decision)
        {
            return DomainError.NotFound("Cette décision n'est pas enregistrée sur la fiche.");
        }

        if (decision.VoteId is not null)
        {
            return new DomainError("decision.correct.vote", "Cette décision a été prise par un vote du comité : corrigez le vote, avec son motif, sur la page de la réunion, avant la validation du compte rendu.");
        }

        var errors = new List<DomainError>();
        if (!Enum.IsDefined(outcome))
        {
            errors.Add(new("decision.outcome", "Choisissez la décision : validée, rejetée ou ajournée.", "Outcome"));
        }

        if (Correction.ReasonRefusal(reason, "la décision corrigée") is { } noReason)
        {
            errors.Add(noReason);
        }
        else if (outcome == decision.Outcome)
        {
            errors.Add(new("correction.nothing", "La correction ne change rien à la décision.", "Outcome"));
        }

        if (outcome == CommitteeOutcome.Validated && ceiling.Refusal is { } overCeiling)
        {
            errors.Add(overCeiling);
        }

        if (errors.Count > 0)
        {
            return Result<CommitteeDecision>.Failure(errors);
        }

        var matter = ChangeRequestsInOrder.Any(c => c.VersionNumber == decision.VersionNumber) ? CommitteeMatter.ChangeRequest : CommitteeMatter.Sheet;
        if (Withdraw(decision) is { IsFailure: true } movedOn)
        {
            return Result<CommitteeDecision>.Failure(movedOn.Errors);
        }

        var decided = DecideByCommittee(matter, outcome, decision.DecidedOn, decision.Reference, DecisionSource.Recorded, today, ceiling);
        if (decided.IsSuccess)
        {
            decided.Value.Corrected([.. decision.Corrections, new Correction(today, correctedBy, reason!.Trim(), ActionLabels.Outcome(decision.Outcome), ActionLabels.Outcome(outcome))]);
        }

        return decided;
    }

    /// <summary>
    /// Whether the sheet still stands where a committee decision left it — the last decision, and the sheet (or its
    /// change request) in the state it produced: only then can the decision be withdrawn by a correction.
    /// </summary>
    public bool StandsWhereLeftBy(CommitteeDecision decision)
    {
        if (CommitteeDecisionsInOrder.Count == 0 || !ReferenceEquals(CommitteeDecisionsInOrder[^1], decision))
        {
            return false;
        }

        if (ChangeRequestsInOrder.FirstOrDefault(c => c.VersionNumber == decision.VersionNumber) is { } change)
        {
            return ReferenceEquals(ChangeRequestsInOrder[^1], change) && (decision.Outcome != CommitteeOutcome.Adjourned) == (change.Status != ChangeRequestStatus.Pending);
        }

        return Status == decision.Outcome switch
        {
            CommitteeOutcome.Validated => ActionStatus.CommitteeValidated,
            CommitteeOutcome.Rejected => ActionStatus.CommitteeRejected,
            _ => ActionStatus.ReadyForCommittee,
        };
    }

    private Result Withdraw(CommitteeDecision decision)
    {
        if (!StandsWhereLeftBy(decision))
        {
            return new DomainError("decision.withdraw.moved-on", $"La fiche n° {Number} a avancé depuis cette décision (elle est « {ActionLabels.Status(Status)} ») : la décision ne se corrige plus ; une nouvelle décision se prend à une prochaine réunion.");
        }

        if (ChangeRequestsInOrder.FirstOrDefault(c => c.VersionNumber == decision.VersionNumber) is { } change)
        {
            if (change.Status == ChangeRequestStatus.Accepted)
            {
                ApprovedVersionNumber = CommitteeDecisionsInOrder.LastOrDefault(d => d != decision && d.Outcome == CommitteeOutcome.Validated)?.VersionNumber;
            }

            if (decision.Outcome != CommitteeOutcome.Adjourned)
            {
                change.Reopen();
            }
        }
        else
        {
            if (decision.Outcome == CommitteeOutcome.Validated)
            {
                ApprovedVersionNumber = null;
            }

            Status = ActionStatus.ReadyForCommittee;
        }

        CommitteeDecisionsInOrder.Remove(decision);
        Touch();
        return Result.Success();
    }

    /// <summary>Records the OPCO board's decision on an action the committee validated (art. 14).</summary>
    public Result<BoardDecision> RecordBoardDecision(BoardOutcome outcome, DateOnly decidedOn, string reference, DateOnly today)
    {
        if (Status != ActionStatus.CommitteeValidated)
        {
            return WrongState("d'enregistrer la décision du conseil d'administration", "validée par le comité");
        }

        var committee = CommitteeDecisionsInOrder.Last(d => d.Outcome == CommitteeOutcome.Validated);
        var errors = ValidateDecision(decidedOn, committee.DecidedOn, reference, today);
        if (!Enum.IsDefined(outcome))
        {
            errors.Add(new("decision.outcome", "Choisissez la décision : approuvée ou refusée.", "Outcome"));
        }

        if (errors.Count > 0)
        {
            return Result<BoardDecision>.Failure(errors);
        }

        var decision = new BoardDecision(ApprovedVersionNumber!.Value, outcome, decidedOn, reference.Trim());
        BoardDecisionsInOrder.Add(decision);
        Status = outcome == BoardOutcome.Approved ? ActionStatus.BoardApproved : ActionStatus.BoardRefused;
        Touch();
        return decision;
    }

    /// <summary>
    /// Corrects the OPCO board's decision as recorded (approved typed for refused), with a reason, while the action has
    /// not started: the decision is replaced by the corrected one, same date and reference, whether it was already
    /// reported to the committee or not.
    /// </summary>
    public Result<BoardDecision> CorrectBoardDecision(BoardOutcome outcome, string? reason, DateOnly today, string correctedBy)
    {
        if (BoardDecisionsInOrder.Count == 0 || Status is not (ActionStatus.BoardApproved or ActionStatus.BoardRefused))
        {
            return new DomainError("board.correct.state", $"La fiche n° {Number} est « {ActionLabels.Status(Status)} » : la décision du conseil d'administration ne se corrige qu'avant le démarrage de l'action.");
        }

        var decision = BoardDecisionsInOrder[^1];
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(outcome))
        {
            errors.Add(new("decision.outcome", "Choisissez la décision : approuvée ou refusée.", "Outcome"));
        }

        if (Correction.ReasonRefusal(reason, "la décision corrigée") is { } noReason)
        {
            errors.Add(noReason);
        }
        else if (outcome == decision.Outcome)
        {
            errors.Add(new("correction.nothing", "La correction ne change rien à la décision.", "Outcome"));
        }

        if (errors.Count > 0)
        {
            return Result<BoardDecision>.Failure(errors);
        }

        BoardDecisionsInOrder.Remove(decision);
        Status = ActionStatus.CommitteeValidated;
        var recorded = RecordBoardDecision(outcome, decision.DecidedOn, decision.Reference, today);
        if (recorded.IsSuccess)
        {
            recorded.Value.Corrected([.. decision.Corrections, new Correction(today, correctedBy, reason!.Trim(), ActionLabels.Outcome(decision.Outcome), ActionLabels.Outcome(outcome))]);
            if (decision.ReportedToCommitteeOn is { } reported)
            {
                recorded.Value.MarkReported(reported);
            }
        }

        return recorded;
    }

    /// <summary>Records that the board's decision was reported back to the committee members (art. 14).</summary>
    public Result MarkBoardDecisionReported(DateOnly on, DateOnly today)
    {
        if (BoardDecisionsInOrder.LastOrDefault() is not { } decision)
        {
            return new DomainError("board.none", "Aucune décision du conseil d'administration n'est enregistrée.");
        }

        if (on < decision.DecidedOn || on > today)
        {
            return new DomainError("board.reported.date", "La date du retour au comité suit la décision du conseil et n'est pas dans le futur.", "On");
        }

        decision.MarkReported(on);
        Touch();
        return Result.Success();
    }

    /// <summary>The approved action starts. Engaged actions go on even after the agreement ends (art. 18).</summary>
    public Result Start(DateOnly startedOn, DateOnly today)
    {
        if (Status != ActionStatus.BoardApproved)
        {
            return WrongState("de démarrer l'action", "approuvée par le conseil d'administration");
        }

        if (startedOn > today || startedOn < BoardDecisionsInOrder[^1].DecidedOn)
        {
            return new DomainError("start.date", "La date de démarrage suit la décision du conseil d'administration et n'est pas dans le futur.", "StartedOn");
        }

        Status = ActionStatus.InProgress;
        Touch();
        return Result.Success();
    }

    /// <summary>Proposes a change of content or budget of a validated action; it takes effect only after the committee decides (art. 15).</summary>
    public Result<ChangeRequest> ProposeChange(Agreement agreement, ActionSheetContent content, string reason, DateOnly today)
    {
        if (Status is not (ActionStatus.CommitteeValidated or ActionStatus.BoardApproved or ActionStatus.InProgress))
        {
            return WrongState("de proposer une modification", "validée, approuvée ou en cours");
        }

        if (PendingChange is not null)
        {
            return new DomainError("change.pending", "Une demande de modification attend déjà la décision du comité.");
        }

        var errors = content.ValidateForSubmission(agreement).ToList();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ActionSheetContent.MaxTextLength)
        {
            errors.Add(new("change.reason", "Expliquez la modification demandée (10 000 caractères au plus).", "Reason"));
        }

        if (errors.Count == 0 && ActionSheetDiff.Between(EffectiveContent, content, agreement).Count == 0)
        {
            errors.Add(new("change.none", "La modification ne change rien à la version approuvée.", "Reason"));
        }

        if (errors.Count > 0)
        {
            return Result<ChangeRequest>.Failure(errors);
        }

        var version = new ActionSheetVersion(CurrentVersion.Number + 1, VersionPurpose.ChangeRequest, content);
        version.MarkSubmitted(today);
        VersionsInOrder.Add(version);
        var change = new ChangeRequest(version.Number, reason.Trim(), today);
        ChangeRequestsInOrder.Add(change);
        Touch();
        return change;
    }

    /// <summary>The committee decides on the pending change: validated, the changed version becomes the approved one (art. 15).</summary>
    public Result<CommitteeDecision> DecideChange(CommitteeOutcome outcome, DateOnly decidedOn, string reference, DecisionSource source, DateOnly today, CeilingCheck ceiling)
    {
        if (PendingChange is not { } change)
        {
            return new DomainError("change.none-pending", "Aucune demande de modification n'attend de décision.");
        }

        var errors = ValidateDecision(decidedOn, change.RequestedOn, reference, today);
        if (outcome == CommitteeOutcome.Validated && ceiling.Refusal is { } overCeiling)
        {
            errors.Add(overCeiling);
        }

        if (errors.Count > 0)
        {
            return Result<CommitteeDecision>.Failure(errors);
        }

        var decision = new CommitteeDecision(change.VersionNumber, outcome, decidedOn, reference.Trim(), source);
        CommitteeDecisionsInOrder.Add(decision);
        if (outcome != CommitteeOutcome.Adjourned)
        {
            change.Decide(outcome == CommitteeOutcome.Validated, decidedOn);
            if (outcome == CommitteeOutcome.Validated)
            {
                ApprovedVersionNumber = change.VersionNumber;
            }
        }

        Touch();
        return decision;
    }

    /// <summary>Opens the completion report, pre-filled from the approved sheet.</summary>
    public Result<CompletionReport> StartReport()
    {
        if (Status != ActionStatus.InProgress)
        {
            return WrongState("de rédiger la fiche de réalisation", "en cours");
        }

        if (Report is not null)
        {
            return Report;
        }

        Report = new CompletionReport(CompletionReportContent.PrefillFrom(EffectiveContent));
        Touch();
        return Report;
    }

    public Result EditReport(CompletionReportContent content)
    {
        if (Status != ActionStatus.InProgress || Report is null)
        {
            return WrongState("de modifier la fiche de réalisation", "en cours, fiche de réalisation ouverte");
        }

        var errors = content.ValidateDraft();
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Report.Replace(content);
        Touch();
        return Result.Success();
    }

    public Result SubmitReport(DateOnly today)
    {
        if (Status != ActionStatus.InProgress || Report is null)
        {
            return WrongState("de soumettre la fiche de réalisation", "en cours, fiche de réalisation ouverte");
        }

        var errors = Report.Content.ValidateForSubmission();
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Report.Submit(today);
        Status = ActionStatus.ReportSubmitted;
        Touch();
        return Result.Success();
    }

    /// <summary>The secretariat returns the report to the carrier for corrections.</summary>
    public Result ReturnReport()
    {
        if (Status != ActionStatus.ReportSubmitted)
        {
            return WrongState("de renvoyer la fiche de réalisation", "fiche de réalisation soumise");
        }

        Report!.Reopen();
        Status = ActionStatus.InProgress;
        Touch();
        return Result.Success();
    }

    /// <summary>The secretariat accepts the report; the amount due is fixed: min(eligible real costs and fees, approved amount) (art. 16).</summary>
    public Result AcceptReport(DateOnly today)
    {
        if (Status != ActionStatus.ReportSubmitted)
        {
            return WrongState("d'accepter la fiche de réalisation", "fiche de réalisation soumise");
        }

        var approved = EffectiveContent.Annex;
        Report!.Accept(today, Report.Content.AmountDueCents(approved.AmountAskedOfOpcoCents, approved.ManagementFeeBasisPoints));
        Status = ActionStatus.ReportAccepted;
        Touch();
        return Result.Success();
    }

    public Result Close()
    {
        if (Status != ActionStatus.ReportAccepted)
        {
            return WrongState("de clôturer l'action", "fiche de réalisation acceptée");
        }

        Status = ActionStatus.Closed;
        Touch();
        return Result.Success();
    }

    /// <summary>The carrier withdraws its proposal before the committee decides.</summary>
    public Result Withdraw(string reason)
    {
        if (Status is not (ActionStatus.Draft or ActionStatus.Submitted or ActionStatus.UnderReview or ActionStatus.RevisionRequested or ActionStatus.ReadyForCommittee))
        {
            return WrongState("de retirer la fiche", "avant la décision du comité");
        }

        return End(ActionStatus.Withdrawn, reason);
    }

    /// <summary>An approved or running action is abandoned; its report of what was spent still matters to the secretariat.</summary>
    public Result Abandon(string reason)
    {
        if (Status is not (ActionStatus.CommitteeValidated or ActionStatus.BoardApproved or ActionStatus.InProgress))
        {
            return WrongState("d'abandonner l'action", "validée, approuvée ou en cours");
        }

        return End(ActionStatus.Abandoned, reason);
    }

    private Result End(ActionStatus status, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            return new DomainError("end.reason", "Indiquez le motif (2 000 caractères au plus).", "Reason");
        }

        ClosingReason = reason.Trim();
        Status = status;
        Touch();
        return Result.Success();
    }

    private static List<DomainError> ValidateDecision(DateOnly decidedOn, DateOnly notBefore, string reference, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (decidedOn > today)
        {
            errors.Add(new("decision.future", "La date de la décision ne peut pas être dans le futur.", "DecidedOn"));
        }
        else if (decidedOn < notBefore)
        {
            errors.Add(new("decision.before", $"La décision ne peut pas précéder le {FrenchText.Date(notBefore)}.", "DecidedOn"));
        }

        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 300)
        {
            errors.Add(new("decision.reference", "Indiquez la référence de la décision (réunion, point de l'ordre du jour ; 300 caractères au plus).", "Reference"));
        }

        return errors;
    }

    private DomainError WrongState(string action, string expected) =>
        new("sheet.wrong-state", $"Impossible {action} : la fiche est « {ActionLabels.Status(Status)} » ; il faut qu'elle soit {expected}.");

    private void Touch()
    {
        Version++;
        Summarise();
    }

    private void Summarise()
    {
        var content = EffectiveContent;
        Title = content.Title ?? "";
        AxisId = content.AxisId;
        Level = content.Level;
        StartsOn = content.StartsOn;
        EndsOn = content.EndsOn;
        RegionCodes = "," + string.Concat(content.RegionCodes.Select(c => c + ","));
        AmountAskedOfOpcoCents = content.Annex.AmountAskedOfOpcoCents;
        TotalCents = content.Annex.TotalExpensesCents;
        ReviewVersionNumber = ReviewedVersion?.Number;
        ReviewSubmittedOn = ReviewedVersion?.SubmittedOn;
        Figures = ActionFigures.Of(this);
        BudgetYear = Figures.Year;
        FirstValidatedOn = Figures.CommitteeValidatedOn;
    }

    /// <summary>Recomputes the summary columns of a sheet stored before they existed; changes nothing else.</summary>
    public void RefreshSummary() => Summarise();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
