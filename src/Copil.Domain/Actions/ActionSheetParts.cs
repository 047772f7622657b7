using Copil.Domain.Common;
namespace Copil.Domain.Actions;

/// <summary>Where an action stands in its life (art. 14, 15 and 16 of the seed).</summary>
public enum ActionStatus
{
    /// <summary>Brouillon.</summary>
    Draft = 0,

    /// <summary>Soumise, aucun avis encore rendu sur la version en cours.</summary>
    Submitted = 1,

    /// <summary>En instruction par les ministères : au moins un avis rendu, pas tous.</summary>
    UnderReview = 2,

    /// <summary>Révision demandée au porteur.</summary>
    RevisionRequested = 3,

    /// <summary>Tous les avis rendus : prête pour le comité de pilotage.</summary>
    ReadyForCommittee = 4,

    /// <summary>Validée par le copil, en attente du conseil d'administration.</summary>
    CommitteeValidated = 5,

    /// <summary>Rejetée par le copil.</summary>
    CommitteeRejected = 6,

    /// <summary>Approuvée par le conseil d'administration de l'OPCO.</summary>
    BoardApproved = 7,

    /// <summary>Refusée par le conseil d'administration.</summary>
    BoardRefused = 8,

    /// <summary>En cours de réalisation.</summary>
    InProgress = 9,

    /// <summary>Fiche de réalisation soumise.</summary>
    ReportSubmitted = 10,

    /// <summary>Fiche de réalisation acceptée.</summary>
    ReportAccepted = 11,

    /// <summary>Clôturée.</summary>
    Closed = 12,

    /// <summary>Retirée par son porteur avant décision.</summary>
    Withdrawn = 13,

    /// <summary>Abandonnée après approbation.</summary>
    Abandoned = 14,
}

/// <summary>A ministry's opinion on a submitted version (art. 14: favorable, réservé or défavorable).</summary>
public enum OpinionVerdict
{
    Favorable = 0,

    /// <summary>Réservé: the ministry states the recommendations that would make it favorable.</summary>
    Reserved = 1,

    Unfavorable = 2,
}

public enum CommitteeOutcome
{
    Validated = 0,
    Rejected = 1,

    /// <summary>Ajournée: the committee will decide later.</summary>
    Adjourned = 2,
}

public enum BoardOutcome
{
    Approved = 0,
    Refused = 1,
}

/// <summary>Why a version of the sheet exists.</summary>
public enum VersionPurpose
{
    /// <summary>The first proposal.</summary>
    Proposal = 0,

    /// <summary>A revision asked during the review.</summary>
    Revision = 1,

    /// <summary>A change of a validated action (art. 15).</summary>
    ChangeRequest = 2,
}

/// <summary>One version of the sheet; once submitted it never changes.</summary>
public sealed class ActionSheetVersion
{
    private ActionSheetVersion() { }

    internal ActionSheetVersion(int number, VersionPurpose purpose, ActionSheetContent content)
    {
        Id = Guid.NewGuid();
        Number = number;
        Purpose = purpose;
        Content = content;
    }

    public Guid Id { get; private set; }

    public int Number { get; private set; }

    public VersionPurpose Purpose { get; private set; }

    public ActionSheetContent Content { get; private set; } = new();

    public DateOnly? SubmittedOn { get; private set; }

    public bool IsSubmitted => SubmittedOn is not null;

    internal void Replace(ActionSheetContent content) => Content = content;

    internal void MarkSubmitted(DateOnly on) => SubmittedOn = on;
}

/// <summary>An opinion given by a ministry on one version; never edited.</summary>
public sealed class Opinion
{
    private Opinion() { }

    internal Opinion(int versionNumber, Guid partyId, OpinionVerdict verdict, string? recommendations, string? comment, DateOnly givenOn, string givenBy)
    {
        Id = Guid.NewGuid();
        VersionNumber = versionNumber;
        PartyId = partyId;
        Verdict = verdict;
        Recommendations = recommendations;
        Comment = comment;
        GivenOn = givenOn;
        GivenBy = givenBy;
    }

    public Guid Id { get; private set; }

    public int VersionNumber { get; private set; }

    /// <summary>The ministry (State party) giving the opinion.</summary>
    public Guid PartyId { get; private set; }

    public OpinionVerdict Verdict { get; private set; }

    public string? Recommendations { get; private set; }

    public string? Comment { get; private set; }

    public DateOnly GivenOn { get; private set; }

    public string GivenBy { get; private set; } = "";

    /// <summary>The day it was entered, when that was after the day it was given (« saisi a posteriori »); null otherwise.</summary>
    public DateOnly? RecordedOn { get; private set; }

    public bool EnteredAfterwards => RecordedOn is not null;

    /// <summary>Its corrections, oldest first, each with its reason and what it read before.</summary>
    public IReadOnlyList<Correction> Corrections { get; private set; } = [];

    /// <summary>The opinion in one line: what a correction records as before and after.</summary>
    public string Summary() => SummaryOf(Verdict, Recommendations, Comment);

    public static string SummaryOf(OpinionVerdict verdict, string? recommendations, string? comment) =>
        $"{ActionLabels.Verdict(verdict)}{(recommendations is null ? "" : $" — recommandations : {recommendations}")}{(comment is null ? "" : $" — commentaire : {comment}")}";

    internal void EnteredOn(DateOnly recordedOn) => RecordedOn = recordedOn;

    internal void Correct(OpinionVerdict verdict, string? recommendations, string? comment, Correction correction)
    {
        (Verdict, Recommendations, Comment) = (verdict, recommendations, comment);
        Corrections = [.. Corrections, correction];
    }

    /// <summary>A favorable opinion: the ministry supports the action, its logo may be used and its services relay it (art. 14).</summary>
    public bool MeansSupport => Verdict == OpinionVerdict.Favorable;
}

/// <summary>What a committee decision is about: the sheet itself (art. 14) or its pending change request (art. 15).</summary>
public enum CommitteeMatter
{
    Sheet,
    ChangeRequest,
}

/// <summary>Where a decision comes from: recorded by the secretariat, or (later) the vote that made it.</summary>
public sealed record DecisionSource(string Kind, Guid? VoteId)
{
    public static DecisionSource Recorded { get; } = new("recorded", null);

    public static DecisionSource FromVote(Guid voteId) => new("vote", voteId);
}

/// <summary>A decision of the steering committee on a version of the sheet or on a change request.</summary>
public sealed class CommitteeDecision
{
    private CommitteeDecision() { }

    internal CommitteeDecision(int versionNumber, CommitteeOutcome outcome, DateOnly decidedOn, string reference, DecisionSource source)
    {
        Id = Guid.NewGuid();
        VersionNumber = versionNumber;
        Outcome = outcome;
        DecidedOn = decidedOn;
        Reference = reference;
        SourceKind = source.Kind;
        VoteId = source.VoteId;
    }

    public Guid Id { get; private set; }

    public int VersionNumber { get; private set; }

    public CommitteeOutcome Outcome { get; private set; }

    public DateOnly DecidedOn { get; private set; }

    /// <summary>E.g. "copil du 10 juin 2026, point 3".</summary>
    public string Reference { get; private set; } = "";

    public string SourceKind { get; private set; } = "recorded";

    public Guid? VoteId { get; private set; }

    /// <summary>How a recorded decision was corrected, oldest first: the decision it replaces and why.</summary>
    public IReadOnlyList<Correction> Corrections { get; private set; } = [];

    internal void Corrected(IReadOnlyList<Correction> corrections) => Corrections = corrections;
}

/// <summary>The OPCO board's decision on a validated action, reported back to the committee (art. 14).</summary>
public sealed class BoardDecision
{
    private BoardDecision() { }

    internal BoardDecision(int versionNumber, BoardOutcome outcome, DateOnly decidedOn, string reference)
    {
        Id = Guid.NewGuid();
        VersionNumber = versionNumber;
        Outcome = outcome;
        DecidedOn = decidedOn;
        Reference = reference;
    }

    public Guid Id { get; private set; }

    public int VersionNumber { get; private set; }

    public BoardOutcome Outcome { get; private set; }

    public DateOnly DecidedOn { get; private set; }

    public string Reference { get; private set; } = "";

    /// <summary>When the decision was reported to the committee members (art. 14).</summary>
    public DateOnly? ReportedToCommitteeOn { get; private set; }

    /// <summary>How the decision was corrected, oldest first: what it said before and why.</summary>
    public IReadOnlyList<Correction> Corrections { get; private set; } = [];

    internal void MarkReported(DateOnly on) => ReportedToCommitteeOn = on;

    internal void Corrected(IReadOnlyList<Correction> corrections) => Corrections = corrections;
}

public enum ChangeRequestStatus
{
    Pending = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>A change of content or budget of a validated action; it takes effect only after a committee decision (art. 15).</summary>
public sealed class ChangeRequest
{
    private ChangeRequest() { }

    internal ChangeRequest(int versionNumber, string reason, DateOnly requestedOn)
    {
        Id = Guid.NewGuid();
        VersionNumber = versionNumber;
        Reason = reason;
        RequestedOn = requestedOn;
    }

    public Guid Id { get; private set; }

    /// <summary>The version holding the proposed content.</summary>
    public int VersionNumber { get; private set; }

    public string Reason { get; private set; } = "";

    public DateOnly RequestedOn { get; private set; }

    public ChangeRequestStatus Status { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    /// <summary>The decision that settled it was withdrawn (its vote corrected): the request awaits the committee again.</summary>
    internal void Reopen()
    {
        Status = ChangeRequestStatus.Pending;
        DecidedOn = null;
    }

    internal void Decide(bool accepted, DateOnly on)
    {
        Status = accepted ? ChangeRequestStatus.Accepted : ChangeRequestStatus.Rejected;
        DecidedOn = on;
    }
}
