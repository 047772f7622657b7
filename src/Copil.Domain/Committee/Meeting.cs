using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Domain.Common;
using Copil.Domain.Voting;

namespace Copil.Domain.Committee;

/// <summary>The kinds of steering committee meeting (art. 14 and 18 of the seed).</summary>
public enum MeetingKind
{
    /// <summary>Before 15 June: review of year N-1, follow-up of year N.</summary>
    Spring = 0,

    /// <summary>At year end, before the OPCO board meeting that adopts the actions of N+1.</summary>
    YearEnd = 1,

    /// <summary>Asked by a party, e.g. for conciliation (art. 18).</summary>
    Exceptional = 2,
}

public enum MeetingStatus
{
    Planned = 0,
    Convened = 1,
    Held = 2,
    Cancelled = 3,
}

public enum AgendaItemKind
{
    /// <summary>Decide on an action sheet ready for the committee.</summary>
    ActionSheet = 0,

    /// <summary>Decide on a change request of a running action.</summary>
    ChangeRequest = 1,

    AnnualReport = 2,

    Priorities = 3,

    Other = 4,

    /// <summary>Validate the minutes of a meeting (art. 14), in a written consultation.</summary>
    MinutesValidation = 5,
}

public enum Presence
{
    Present = 0,

    /// <summary>Represented by the seat's substitute.</summary>
    Represented = 1,

    Absent = 2,
}

/// <summary>A point of the agenda; those that need a decision are voted on.</summary>
public sealed record AgendaItem(Guid Id, int Position, AgendaItemKind Kind, string Title, Guid? ActionSheetId, bool NeedsVote, string? MinutesText = null)
{
    /// <summary>How a decision on a sheet is titled, on an agenda as in a written consultation.</summary>
    public static string TitleFor(Actions.ActionSheet sheet, AgendaItemKind kind) =>
        $"{(kind == AgendaItemKind.ChangeRequest ? "Demande de modification — " : "")}Fiche n° {sheet.Number} — {sheet.Title} ({sheet.CarrierOrganisation})";
}

/// <summary>Whether a seat attended, in person or through its substitute; <see cref="Corrected"/> when it was corrected after votes were cast.</summary>
public sealed record SeatPresence(Guid SeatId, Presence Presence, Correction? Corrected = null)
{
    public static string Label(Presence presence) => presence switch
    {
        Presence.Present => "présent",
        Presence.Represented => "représenté par son suppléant",
        _ => "absent",
    };
}

/// <summary>A seat's named vote, with its weight at the time of the vote.</summary>
public sealed record Ballot(Guid SeatId, string SeatLabel, int Weight, VoteChoice Choice);

/// <summary>
/// A recorded vote on an item: the named ballots and the outcome explained in French. When the decision it carries
/// could not take effect on its action sheet (ceiling of art. 16, sheet no longer awaiting the committee),
/// <see cref="DecisionNotApplied"/> says why: the vote stays as the members cast it.
/// </summary>
public sealed record ItemVote(Guid Id, Guid ItemId, IReadOnlyList<Ballot> Ballots, TallyOutcome Outcome, int ForWeight, int AgainstWeight, int AbstainWeight, string Explanation, DateOnly On, string RecordedBy, string? DecisionNotApplied = null, IReadOnlyList<Correction>? Corrections = null)
{
    /// <summary>The corrections of this vote, oldest first (none for a vote never corrected).</summary>
    public IReadOnlyList<Correction> CorrectionHistory => Corrections ?? [];

    /// <summary>The vote in one line, named: what a correction records as before and after.</summary>
    public string Summary()
    {
        string Names(VoteChoice choice) => Ballots.Where(b => b.Choice == choice).Select(b => b.SeatLabel).DefaultIfEmpty("aucun").Aggregate((a, b) => $"{a}, {b}");
        return $"{OutcomeLabel(Outcome)} — pour : {Names(VoteChoice.For)} ; contre : {Names(VoteChoice.Against)} ; abstention : {Names(VoteChoice.Abstain)}";
    }

    public static string OutcomeLabel(TallyOutcome outcome) => outcome switch
    {
        TallyOutcome.Adopted => "adopté",
        TallyOutcome.Rejected => "rejeté",
        TallyOutcome.NoVoteCast => "aucune voix exprimée",
        _ => "quorum non atteint",
    };

    /// <summary>What the vote decides on an action sheet, if it decides anything (a tie or no quorum decides nothing).</summary>
    public Actions.CommitteeOutcome? SheetOutcome => Outcome switch
    {
        TallyOutcome.Adopted => Actions.CommitteeOutcome.Validated,
        TallyOutcome.Rejected => Actions.CommitteeOutcome.Rejected,
        _ => null,
    };

    public static readonly DomainError Unknown = new("vote.unknown", "Ce vote n'existe pas.");

    /// <summary>The votes, the one named keeping why its decision could not take effect; null when there is no such vote.</summary>
    public static IReadOnlyList<ItemVote>? WithDecisionNotApplied(IReadOnlyList<ItemVote> votes, Guid voteId, string reason) =>
        votes.Any(v => v.Id == voteId) ? [.. votes.Select(v => v.Id == voteId ? v with { DecisionNotApplied = reason } : v)] : null;

    /// <summary>The agenda point's kind as the sheet sees it: a decision on the sheet or on its change request.</summary>
    public static Actions.CommitteeMatter MatterOf(AgendaItemKind kind) =>
        kind == AgendaItemKind.ChangeRequest ? Actions.CommitteeMatter.ChangeRequest : Actions.CommitteeMatter.Sheet;
}

/// <summary>What the secretariat enters to plan a meeting.</summary>
public sealed record MeetingDetails
{
    public MeetingKind Kind { get; init; }

    /// <summary>The year the meeting counts for (spring: review of Year−1; year end: the actions of Year+1).</summary>
    public int Year { get; init; }

    /// <summary>Null while not typed: refused with its own message.</summary>
    public DateOnly? MeetsOn { get; init; }

    /// <summary>"14 h 30", free text.</summary>
    public string? StartsAt { get; init; }

    public string? Place { get; init; }

    public string? VideoLink { get; init; }

    /// <summary>Year end: the date of the OPCO board meeting that adopts next year's actions (a date entered per year).</summary>
    public DateOnly? BoardMeetingOn { get; init; }

    /// <summary>Exceptional: who asked and why (e.g. conciliation, art. 18).</summary>
    public string? Reason { get; init; }
}

/// <summary>
/// A meeting of the steering committee: its agenda, the seats present, the named weighted votes on each item that
/// needs a decision (art. 13: absolute majority of the votes cast), from planning to the meeting being held.
/// </summary>
public sealed class Meeting
{
    public const int MaxText = 2000;

    private Meeting() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public MeetingKind Kind { get; private set; }

    public int Year { get; private set; }

    public DateOnly MeetsOn { get; private set; }

    public string? StartsAt { get; private set; }

    public string? Place { get; private set; }

    public string? VideoLink { get; private set; }

    public DateOnly? BoardMeetingOn { get; private set; }

    public string? Reason { get; private set; }

    public MeetingStatus Status { get; private set; }

    public DateOnly? ConvenedOn { get; private set; }

    public string? CancellationReason { get; private set; }

    public IReadOnlyList<AgendaItem> Items { get; private set; } = [];

    public IReadOnlyList<SeatPresence> Presences { get; private set; } = [];

    /// <summary>Invitees and experts who attended (no vote).</summary>
    public IReadOnlyList<Guid> InviteesPresent { get; private set; } = [];

    public IReadOnlyList<ItemVote> Votes { get; private set; } = [];

    public int Version { get; private set; }

    /// <summary>
    /// The invitation's revision (iCalendar SEQUENCE, RFC 5545 3.8.7.4): 0 when convened, one more each time the
    /// convened meeting is moved (day, time, place, link) or cancelled, so that calendars update the event they hold.
    /// </summary>
    public int CalendarSequence { get; private set; }

    /// <summary>
    /// Recorded after the fact (« saisi a posteriori »): a meeting held before the agreement was run in Copil, or before
    /// its secretariat used it. Nobody is convened, notified or reminded of it; it counts like any held meeting.
    /// </summary>
    public bool EnteredAfterwards { get; private set; }

    /// <summary>
    /// Whether people hold a convocation to this meeting, still to come: then moving it, changing its agenda, posting a
    /// document or cancelling it is announced to them. Never for a meeting entered afterwards (nobody was convened).
    /// </summary>
    public bool HasPeopleConvened => Status == MeetingStatus.Convened && !EnteredAfterwards;

    public MeetingDetails Details => new()
    {
        Kind = Kind,
        Year = Year,
        MeetsOn = MeetsOn,
        StartsAt = StartsAt,
        Place = Place,
        VideoLink = VideoLink,
        BoardMeetingOn = BoardMeetingOn,
        Reason = Reason,
    };

    public bool AttendanceRecorded => Presences.Count > 0;

    public static Result<Meeting> Plan(Agreement agreement, MeetingDetails details, DateOnly today)
    {
        var meeting = new Meeting { Id = Guid.NewGuid(), AgreementId = agreement.Id, Status = MeetingStatus.Planned };
        var result = meeting.Apply(agreement, details, today);
        return result.IsSuccess ? meeting : Result<Meeting>.Failure(result.Errors);
    }

    public Result Edit(Agreement agreement, MeetingDetails details, DateOnly today) =>
        Status is MeetingStatus.Planned or MeetingStatus.Convened
            ? Apply(agreement, details, today)
            : new DomainError("meeting.closed", "Une réunion tenue ou annulée ne se modifie plus.");

    private Result Apply(Agreement agreement, MeetingDetails d, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(d.Kind))
        {
            errors.Add(new("meeting.kind", "Choisissez le type de réunion.", nameof(MeetingDetails.Kind)));
        }

        var meetsOn = d.MeetsOn ?? default;
        if (meetsOn == default)
        {
            errors.Add(new("meeting.date", "Indiquez la date de la réunion.", nameof(MeetingDetails.MeetsOn)));
        }
        else if (agreement.SignedOn is { } signed && meetsOn < signed)
        {
            errors.Add(new("meeting.before-signature", $"La convention n'est en vigueur qu'à compter du {FrenchText.Date(signed)} ({agreement.TermArticle}).", nameof(MeetingDetails.MeetsOn)));
        }
        else if (agreement.LastDayInForce is { } last && meetsOn > last)
        {
            errors.Add(new("meeting.after-end", $"La convention prend fin le {FrenchText.Date(last)} : le comité ne se réunit plus après cette date.", nameof(MeetingDetails.MeetsOn)));
        }

        if (d.Year < 2000 || d.Year > 2100)
        {
            errors.Add(new("meeting.year", "Indiquez l'année à laquelle la réunion se rattache.", nameof(MeetingDetails.Year)));
        }

        if (string.IsNullOrWhiteSpace(d.Place) && string.IsNullOrWhiteSpace(d.VideoLink))
        {
            errors.Add(new("meeting.place", "Indiquez le lieu de la réunion ou le lien de la visioconférence.", nameof(MeetingDetails.Place)));
        }

        if (d.VideoLink is { Length: > 0 } link && !(Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add(new("meeting.video", "Le lien de visioconférence est une adresse complète commençant par https://.", nameof(MeetingDetails.VideoLink)));
        }

        if (d.Kind == MeetingKind.Exceptional && string.IsNullOrWhiteSpace(d.Reason))
        {
            errors.Add(new("meeting.reason", "Une réunion exceptionnelle indique la partie qui la demande et son objet (par exemple une conciliation, art. 18).", nameof(MeetingDetails.Reason)));
        }

        if (d.Kind == MeetingKind.YearEnd && d.BoardMeetingOn is { } board && meetsOn != default && board <= meetsOn)
        {
            errors.Add(new("meeting.board", $"La réunion de fin d'année se tient avant le conseil d'administration qui arrête les actions de l'année suivante ({agreement.Terms.SpringMeetingArticle}) : le conseil est indiqué le {FrenchText.Date(board)}.", nameof(MeetingDetails.BoardMeetingOn)));
        }

        foreach (var (text, field) in new[] { (d.Place, nameof(MeetingDetails.Place)), (d.VideoLink, nameof(MeetingDetails.VideoLink)), (d.Reason, nameof(MeetingDetails.Reason)), (d.StartsAt, nameof(MeetingDetails.StartsAt)) })
        {
            if (text is { Length: > 500 })
            {
                errors.Add(new("meeting.length", "500 caractères au plus.", field));
            }
        }

        if (HasPeopleConvened && meetsOn < today)
        {
            errors.Add(new("meeting.past", "Une réunion convoquée ne peut pas être déplacée dans le passé.", nameof(MeetingDetails.MeetsOn)));
        }

        if (EnteredAfterwards && meetsOn >= today)
        {
            errors.Add(new("meeting.history.future", "Une réunion saisie a posteriori a eu lieu avant aujourd'hui : indiquez sa date réelle.", nameof(MeetingDetails.MeetsOn)));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        if (HasPeopleConvened && MovesTheEvent(Details, d with { MeetsOn = meetsOn }))
        {
            CalendarSequence++;
        }

        Kind = d.Kind;
        Year = d.Year;
        MeetsOn = meetsOn;
        StartsAt = Blank(d.StartsAt);
        Place = Blank(d.Place);
        VideoLink = Blank(d.VideoLink);
        BoardMeetingOn = d.Kind == MeetingKind.YearEnd ? d.BoardMeetingOn : null;
        Reason = Blank(d.Reason);
        return Changed();
    }

    /// <summary>Art. 14: working documents reach the members at least one week before the meeting.</summary>
    public ComputedDeadline DocumentsDeadline(Agreement agreement) =>
        Deadlines.AtLeastDaysBefore(MeetsOn, agreement.Terms.DocumentsLeadDays, agreement.Terms.Calendar());

    public string DocumentsDeadlineSource(Agreement agreement) =>
        $"{agreement.Terms.DocumentsLeadArticle} : documents de travail envoyés {DocumentsDeadline(agreement).Explanation}";

    /// <summary>Whether a document sent on that day came after the deadline of art. 14.</summary>
    public bool IsLate(Agreement agreement, DateOnly sentOn) => sentOn > DocumentsDeadline(agreement).Date;

    /// <summary>Warnings the secretariat should see, without refusing the date (the agreement fixes no penalty).</summary>
    public IReadOnlyList<string> CalendarWarnings(Agreement agreement)
    {
        var warnings = new List<string>();
        var terms = agreement.Terms;
        if (Kind == MeetingKind.Spring)
        {
            var limit = Deadlines.StrictlyBefore(new DateOnly(Year, terms.SpringMeetingDueMonth, terms.SpringMeetingDueDay), terms.Calendar());
            if (MeetsOn.Year != Year || MeetsOn > limit.Date)
            {
                warnings.Add($"Le comité de printemps {Year} doit se tenir {limit.Explanation} ({terms.SpringMeetingArticle}) : la date du {FrenchText.Date(MeetsOn)} ne le permet pas.");
            }
        }

        if (Kind == MeetingKind.YearEnd)
        {
            if (BoardMeetingOn is null)
            {
                warnings.Add($"Indiquez la date du conseil d'administration de l'OPCO qui arrête les actions de {Year + 1} : la réunion de fin d'année doit le précéder ({terms.SpringMeetingArticle}).");
            }

            if (MeetsOn.Month < 10)
            {
                warnings.Add($"La réunion de « fin d'année » est prévue le {FrenchText.Date(MeetsOn)}, hors du dernier trimestre.");
            }
        }

        return warnings;
    }

    /// <summary>
    /// Puts a decision on an action sheet on the agenda: on the sheet once the ministries' opinions are in (art. 14), or on
    /// its pending change request (art. 15) — what <see cref="Actions.ActionSheet.AwaitedCommitteeMatter"/> says, nothing else.
    /// </summary>
    /// <summary>What a sheet goes on the agenda for: its own decision, or its pending change request (art. 14 and 15).</summary>
    public static AgendaItemKind AgendaKindFor(Actions.ActionSheet sheet) =>
        sheet.AwaitedCommitteeMatter == Actions.CommitteeMatter.ChangeRequest ? AgendaItemKind.ChangeRequest : AgendaItemKind.ActionSheet;

    public Result<AgendaItem> AddSheetItem(Actions.ActionSheet sheet, AgendaItemKind kind)
    {
        if (kind is not (AgendaItemKind.ActionSheet or AgendaItemKind.ChangeRequest))
        {
            return new DomainError("item.kind", "Choisissez le type de point.", "Kind");
        }

        if (sheet.AgreementId != AgreementId)
        {
            return new DomainError("item.sheet", "Cette fiche action n'existe pas dans la convention.", "ActionSheetId");
        }

        if (sheet.AwaitedCommitteeMatter != ItemVote.MatterOf(kind))
        {
            return kind == AgendaItemKind.ActionSheet
                ? new DomainError("item.sheet.state", $"La fiche n° {sheet.Number} est « {Actions.ActionLabels.Status(sheet.Status)} » : seule une fiche dont les avis des ministères sont rendus passe devant le comité (art. 14).", "ActionSheetId")
                : new DomainError("item.change.none", $"La fiche n° {sheet.Number} n'a pas de demande de modification en attente.", "ActionSheetId");
        }

        return AddItem(kind, AgendaItem.TitleFor(sheet, kind), sheet.Id, needsVote: true);
    }

    public Result<AgendaItem> AddItem(AgendaItemKind kind, string? title, Guid? actionSheetId, bool needsVote)
    {
        if (Status is not (MeetingStatus.Planned or MeetingStatus.Convened))
        {
            return new DomainError("meeting.closed", "L'ordre du jour d'une réunion tenue ou annulée ne se modifie plus.");
        }

        if (!Enum.IsDefined(kind))
        {
            return new DomainError("item.kind", "Choisissez le type de point.", "Kind");
        }

        if (kind is AgendaItemKind.ActionSheet or AgendaItemKind.ChangeRequest)
        {
            if (actionSheetId is null)
            {
                return new DomainError("item.sheet", "Choisissez la fiche action sur laquelle le comité décide.", "ActionSheetId");
            }

            if (Items.Any(i => i.ActionSheetId == actionSheetId && i.Kind == kind))
            {
                return new DomainError("item.sheet.twice", "Cette fiche est déjà à l'ordre du jour de cette réunion.", "ActionSheetId");
            }
        }
        else if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 300)
        {
            return new DomainError("item.title", "Donnez un intitulé au point (300 caractères au plus).", "Title");
        }

        var item = new AgendaItem(Guid.NewGuid(), Items.Count + 1, kind, (title ?? "").Trim(), kind is AgendaItemKind.ActionSheet or AgendaItemKind.ChangeRequest ? actionSheetId : null,
            kind is AgendaItemKind.ActionSheet or AgendaItemKind.ChangeRequest || needsVote);
        Items = [.. Items, item];
        Version++;
        return item;
    }

    /// <summary>Withdraws a point from the agenda, before the meeting is held; once voted on, it stays (what was decided is a fact).</summary>
    public Result<AgendaItem> RemoveItem(Guid itemId)
    {
        if (Status is not (MeetingStatus.Planned or MeetingStatus.Convened))
        {
            return new DomainError("item.remove", "L'ordre du jour d'une réunion tenue ou annulée ne se modifie plus.");
        }

        if (Items.FirstOrDefault(i => i.Id == itemId) is not { } removed)
        {
            return new DomainError("item.unknown", "Ce point n'est pas à l'ordre du jour.");
        }

        if (Votes.Any(v => v.ItemId == itemId))
        {
            return new DomainError("item.remove.voted", "Ce point a été voté : il reste à l'ordre du jour (une correction du vote se fait avec un motif).");
        }

        Items = [.. Items.Where(i => i.Id != itemId).Select((i, n) => i with { Position = n + 1 })];
        Version++;
        return removed;
    }

    /// <summary>Whether a change of details moves the event members hold in their calendars: its day, time, place or link.</summary>
    public static bool MovesTheEvent(MeetingDetails before, MeetingDetails after) =>
        before.MeetsOn != after.MeetsOn
        || !string.Equals(Blank(before.StartsAt), Blank(after.StartsAt), StringComparison.Ordinal)
        || !string.Equals(Blank(before.Place), Blank(after.Place), StringComparison.Ordinal)
        || !string.Equals(Blank(before.VideoLink), Blank(after.VideoLink), StringComparison.Ordinal);

    public Result Convene(DateOnly today)
    {
        if (Status != MeetingStatus.Planned)
        {
            return new DomainError("meeting.convene", "Seule une réunion planifiée est convoquée, une fois.");
        }

        if (Items.Count == 0)
        {
            return new DomainError("meeting.agenda", "Inscrivez au moins un point à l'ordre du jour avant de convoquer.");
        }

        if (MeetsOn < today)
        {
            return new DomainError("meeting.past", "La date de la réunion est passée : corrigez-la avant de convoquer.", nameof(MeetingDetails.MeetsOn));
        }

        Status = MeetingStatus.Convened;
        ConvenedOn = today;
        return Changed();
    }

    /// <summary>
    /// Records a planned meeting as one that already took place (history of an agreement entered mid-term): from
    /// then on, its attendance, votes with their real date and closing are entered as for a convened meeting, without
    /// any convocation, notice or reminder.
    /// </summary>
    public Result RecordAsPast(DateOnly today)
    {
        if (Status != MeetingStatus.Planned)
        {
            return new DomainError("meeting.history.status", "Seule une réunion planifiée, jamais convoquée, se saisit a posteriori.");
        }

        if (MeetsOn >= today)
        {
            return new DomainError("meeting.history.future", "Une réunion saisie a posteriori a eu lieu avant aujourd'hui : indiquez sa date réelle.", nameof(MeetingDetails.MeetsOn));
        }

        if (Items.Count == 0)
        {
            return new DomainError("meeting.agenda", "Inscrivez au moins un point à l'ordre du jour de la réunion passée.");
        }

        Status = MeetingStatus.Convened;
        EnteredAfterwards = true;
        return Changed();
    }

    /// <summary>Two meetings of the same committee are not held the same day: a second one on that day is a typing error.</summary>
    public static DomainError? SameDayAs(Meeting meeting, IEnumerable<Meeting> others) =>
        others.FirstOrDefault(o => o.Id != meeting.Id && o.Status != MeetingStatus.Cancelled && o.MeetsOn == meeting.MeetsOn) is { } other
            ? new DomainError("meeting.same-day", $"Le comité a déjà une réunion le {FrenchText.Date(other.MeetsOn)} ({other.Label.ToLowerInvariant()}) : choisissez une autre date, ou modifiez celle-ci.", nameof(MeetingDetails.MeetsOn))
            : null;

    public Result Cancel(string? reason)
    {
        if (Status is MeetingStatus.Held or MeetingStatus.Cancelled)
        {
            return new DomainError("meeting.cancel", "Une réunion tenue ou déjà annulée ne s'annule pas.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxText)
        {
            return new DomainError("meeting.cancel.reason", "Indiquez le motif de l'annulation.", "Reason");
        }

        if (HasPeopleConvened)
        {
            CalendarSequence++;
        }

        Status = MeetingStatus.Cancelled;
        CancellationReason = reason.Trim();
        return Changed();
    }

    /// <summary>Records who attended: every seat of the committee, present, represented by its substitute or absent.</summary>
    public Result RecordAttendance(Agreement agreement, IReadOnlyList<SeatPresence> presences, IReadOnlyList<Guid> inviteesPresent, DateOnly today)
    {
        if (Status is not (MeetingStatus.Convened or MeetingStatus.Held))
        {
            return new DomainError("attendance.status", "Les présences se saisissent pour une réunion convoquée.");
        }

        if (today < MeetsOn)
        {
            return new DomainError("attendance.early", $"La réunion a lieu le {FrenchText.Date(MeetsOn)} : les présences se saisissent ce jour-là ou après.");
        }

        var errors = AttendanceErrors(agreement, presences, inviteesPresent);
        if (Votes.Count > 0)
        {
            errors.Add(new("attendance.voted", "Des votes sont enregistrés : les présences sur lesquelles ils reposent se corrigent avec un motif, et les votes sont recomptés."));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Presences = [.. agreement.Seats.Select(s => presences.Single(p => p.SeatId == s.Id) with { Corrected = null })];
        InviteesPresent = [.. inviteesPresent.Distinct()];
        return Changed();
    }

    private static List<DomainError> AttendanceErrors(Agreement agreement, IReadOnlyList<SeatPresence> presences, IReadOnlyList<Guid> inviteesPresent)
    {
        var errors = new List<DomainError>();
        foreach (var seat in agreement.Seats)
        {
            var given = presences.Where(p => p.SeatId == seat.Id).ToList();
            if (given.Count != 1 || !Enum.IsDefined(given[0].Presence))
            {
                errors.Add(new("attendance.seat", $"Indiquez la présence du siège de {seat.Holder}.", $"Seat_{seat.Id}"));
            }
            else if (given[0].Presence == Presence.Represented && seat.Substitute is null)
            {
                errors.Add(new("attendance.substitute", $"Le siège de {seat.Holder} n'a pas de suppléant enregistré : il ne peut pas être représenté.", $"Seat_{seat.Id}"));
            }
        }

        if (presences.Any(p => agreement.Seats.All(s => s.Id != p.SeatId)) || inviteesPresent.Any(i => agreement.Invitees.All(x => x.Id != i)))
        {
            errors.Add(new("attendance.unknown", "Un siège ou un invité indiqué n'appartient pas au comité de cette convention."));
        }

        return errors;
    }

    /// <summary>
    /// Art. 14: the minutes state what the committee decided; once they are validated, what they state is frozen, and
    /// going back on a decision is a new decision at a next meeting. Before that, the secretariat corrects with a reason.
    /// </summary>
    public static DomainError? CorrectionRefusal(Minutes? minutes, string? reason)
    {
        if (minutes is { Status: MinutesStatus.Validated, ValidatedOn: { } validated })
        {
            return new DomainError("correction.frozen", $"Le compte rendu de cette réunion est validé depuis le {FrenchText.Date(validated)} : présences et votes sont figés. Pour revenir sur une décision, inscrivez-la à l'ordre du jour d'une prochaine réunion (art. 14).");
        }

        return Correction.ReasonRefusal(reason, "la valeur corrigée");
    }

    /// <summary>
    /// Corrects who attended once votes rest on it (a seat noted present that was represented, an absence forgotten),
    /// with a reason, before the minutes are validated. Every vote is counted again with the new attendance (the quorum
    /// may change); a seat that voted cannot become absent until its ballot is corrected first.
    /// </summary>
    /// <returns>The votes whose count changed, as they were and as they are now.</returns>
    public Result<IReadOnlyList<(ItemVote Before, ItemVote After)>> CorrectAttendance(
        Agreement agreement, IReadOnlyList<SeatPresence> presences, IReadOnlyList<Guid> inviteesPresent, string? reason, string correctedBy, DateOnly today, Minutes? minutes)
    {
        if (Status is not (MeetingStatus.Convened or MeetingStatus.Held) || !AttendanceRecorded)
        {
            return new DomainError("attendance.correct.none", "Aucune présence n'est encore enregistrée : saisissez-les d'abord.");
        }

        if (CorrectionRefusal(minutes, reason) is { } refused)
        {
            return refused;
        }

        var errors = AttendanceErrors(agreement, presences, inviteesPresent);
        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<(ItemVote, ItemVote)>>.Failure(errors);
        }

        foreach (var vote in Votes)
        {
            foreach (var ballot in vote.Ballots.Where(b => presences.Single(p => p.SeatId == b.SeatId).Presence == Presence.Absent))
            {
                errors.Add(new("attendance.correct.voted", $"{ballot.SeatLabel} a voté sur le point {Items.FirstOrDefault(i => i.Id == vote.ItemId)?.Position} : corrigez d'abord ce vote avant de déclarer le siège absent.", $"Seat_{ballot.SeatId}"));
            }
        }

        var changed = agreement.Seats.Where(s => Presences.FirstOrDefault(p => p.SeatId == s.Id)?.Presence != presences.Single(p => p.SeatId == s.Id).Presence).ToList();
        var invitees = inviteesPresent.Distinct().ToList();
        if (errors.Count == 0 && changed.Count == 0 && invitees.Order().SequenceEqual(InviteesPresent.Order()))
        {
            errors.Add(new("correction.nothing", "La correction ne change aucune présence.", "Reason"));
        }

        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<(ItemVote, ItemVote)>>.Failure(errors);
        }

        var why = reason!.Trim();
        Presences = [.. agreement.Seats.Select(seat =>
        {
            var before = Presences.FirstOrDefault(p => p.SeatId == seat.Id);
            var after = presences.Single(p => p.SeatId == seat.Id);
            return before is not null && before.Presence == after.Presence
                ? before
                : new SeatPresence(seat.Id, after.Presence, new Correction(today, correctedBy, why, SeatPresence.Label(before?.Presence ?? Presence.Absent), SeatPresence.Label(after.Presence)));
        })];
        InviteesPresent = invitees;

        // The quorum counts the weight present: every vote is counted again on the corrected attendance.
        var recounted = new List<(ItemVote, ItemVote)>();
        Votes = [.. Votes.Select(vote =>
        {
            var again = Tally(agreement, vote.Id, vote.ItemId, [.. vote.Ballots.Select(b => (b.SeatId, b.Choice))], vote.RecordedBy).Value with { DecisionNotApplied = vote.DecisionNotApplied, Corrections = vote.Corrections };
            if (again.Outcome == vote.Outcome && again.Explanation == vote.Explanation)
            {
                return vote;
            }

            var correction = new Correction(today, correctedBy, $"présences corrigées : {why}", vote.Summary(), again.Summary());
            again = again with { DecisionNotApplied = null, Corrections = [.. vote.CorrectionHistory, correction] };
            recounted.Add((vote, again));
            return again;
        })];
        Version++;
        return recounted;
    }

    /// <summary>
    /// Records the named vote of the seats present or represented on an item, tallied by the agreement's rule
    /// (art. 13). Each seat votes once, its own weight; an absent seat does not vote.
    /// </summary>
    public Result<ItemVote> RecordVote(Agreement agreement, Guid itemId, IReadOnlyList<(Guid SeatId, VoteChoice Choice)> choices, string recordedBy, DateOnly today)
    {
        if (CanVoteOn(itemId, today) is { } refused)
        {
            return refused;
        }

        if (Votes.Any(v => v.ItemId == itemId))
        {
            return new DomainError("vote.twice", "Le vote sur ce point est déjà enregistré : il se corrige avec un motif, avant la validation du compte rendu.");
        }

        var vote = Tally(agreement, Guid.NewGuid(), itemId, choices, recordedBy);
        if (vote.IsSuccess)
        {
            Votes = [.. Votes, vote.Value];
            Version++;
        }

        return vote;
    }

    /// <summary>
    /// Corrects a recorded vote (a ballot typed wrong) with a reason, before the minutes are validated (art. 14). The
    /// vote keeps its identity, so the decision it made on a sheet is the one re-run; its corrections stay with it.
    /// </summary>
    /// <returns>The vote as it was, and as it is now.</returns>
    public Result<(ItemVote Before, ItemVote After)> CorrectVote(
        Agreement agreement, Guid itemId, IReadOnlyList<(Guid SeatId, VoteChoice Choice)> choices, string? reason, string correctedBy, DateOnly today, Minutes? minutes)
    {
        if (Votes.FirstOrDefault(v => v.ItemId == itemId) is not { } before)
        {
            return new DomainError("vote.correct.none", "Aucun vote n'est enregistré sur ce point : il n'y a rien à corriger.");
        }

        if (CorrectionRefusal(minutes, reason) is { } refused)
        {
            return refused;
        }

        var counted = Tally(agreement, before.Id, itemId, choices, before.RecordedBy);
        if (counted.IsFailure)
        {
            return Result<(ItemVote, ItemVote)>.Failure(counted.Errors);
        }

        if (counted.Value.Summary() == before.Summary())
        {
            return new DomainError("correction.nothing", "La correction ne change aucun vote.", "Reason");
        }

        var after = counted.Value with { Corrections = [.. before.CorrectionHistory, new Correction(today, correctedBy, reason!.Trim(), before.Summary(), counted.Value.Summary())] };
        Votes = [.. Votes.Select(v => v.Id == before.Id ? after : v)];
        Version++;
        return (before, after);
    }

    /// <summary>
    /// What a vote would give, counted but not recorded: the review step shown before saving it (or its correction),
    /// so that a ballot clicked wrong is caught before it decides on a sheet.
    /// </summary>
    public Result<ItemVote> PreviewVote(Agreement agreement, Guid itemId, IReadOnlyList<(Guid SeatId, VoteChoice Choice)> choices, string recordedBy, DateOnly today) =>
        CanVoteOn(itemId, today) is { } refused ? refused : Tally(agreement, Votes.FirstOrDefault(v => v.ItemId == itemId)?.Id ?? Guid.Empty, itemId, choices, recordedBy);

    private DomainError? CanVoteOn(Guid itemId, DateOnly today)
    {
        if (Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return new DomainError("vote.item", "Ce point n'est pas à l'ordre du jour.");
        }

        if (Status is not (MeetingStatus.Convened or MeetingStatus.Held) || today < MeetsOn)
        {
            return new DomainError("vote.status", "Les votes se saisissent pour une réunion convoquée, le jour de la réunion ou après.");
        }

        if (!AttendanceRecorded)
        {
            return new DomainError("vote.attendance", "Saisissez d'abord les présences : seuls les sièges présents ou représentés votent.");
        }

        return item.NeedsVote ? null : new DomainError("vote.not-needed", "Ce point est une information : il ne fait pas l'objet d'un vote.");
    }

    /// <summary>Counts the seats' choices by the agreement's rule (art. 13) on the attendance recorded, dated the day of the meeting.</summary>
    private Result<ItemVote> Tally(Agreement agreement, Guid voteId, Guid itemId, IReadOnlyList<(Guid SeatId, VoteChoice Choice)> choices, string recordedBy)
    {
        var errors = new List<DomainError>();
        if (choices.GroupBy(c => c.SeatId).Any(g => g.Count() > 1))
        {
            errors.Add(new("vote.seat.twice", "Un siège ne vote qu'une fois."));
        }

        var ballots = new List<Ballot>();
        foreach (var (seatId, choice) in choices)
        {
            var seat = agreement.Seats.FirstOrDefault(s => s.Id == seatId);
            var presence = Presences.FirstOrDefault(p => p.SeatId == seatId)?.Presence;
            if (seat is null)
            {
                errors.Add(new("vote.seat.unknown", "Un siège indiqué n'appartient pas au comité de cette convention."));
            }
            else if (presence is not (Presence.Present or Presence.Represented))
            {
                errors.Add(new("vote.seat.absent", $"Le siège de {seat.Holder} est absent : il ne vote pas.", $"Seat_{seat.Id}"));
            }
            else if (!Enum.IsDefined(choice))
            {
                errors.Add(new("vote.choice", $"Indiquez le vote du siège de {seat.Holder}.", $"Seat_{seat.Id}"));
            }
            else
            {
                ballots.Add(new Ballot(seat.Id, SeatLabel(agreement, seat), seat.VoteWeight, choice));
            }
        }

        if (errors.Count > 0)
        {
            return Result<ItemVote>.Failure(errors);
        }

        var present = Presences.Where(p => p.Presence != Presence.Absent).Sum(p => agreement.Seats.First(s => s.Id == p.SeatId).VoteWeight);
        var tally = WeightedTally.Count(
            [.. ballots.Select(b => new SeatVote(b.SeatId, b.SeatLabel, b.Weight, b.Choice))], agreement.Seats.Sum(s => s.VoteWeight), present, agreement.MajorityRule);
        // Cast at the meeting: dated the day it was held, whenever it is typed in.
        return new ItemVote(voteId, itemId, ballots, tally.Outcome, tally.ForWeight, tally.AgainstWeight, tally.AbstainWeight, tally.Explanation, MeetsOn, recordedBy);
    }

    /// <summary>
    /// Keeps, on the vote, why the decision it carries could not take effect on its action sheet (art. 16 ceiling, a
    /// sheet no longer awaiting the committee): the vote stands as cast, and the refusal is shown, not dropped.
    /// </summary>
    public Result RecordDecisionNotApplied(Guid voteId, string reason)
    {
        if (ItemVote.WithDecisionNotApplied(Votes, voteId, reason) is not { } marked)
        {
            return ItemVote.Unknown;
        }

        Votes = marked;
        Version++;
        return Result.Success();
    }

    /// <summary>Free text per item for the minutes.</summary>
    /// <summary>« Unanimité des présents »: every seat present or represented votes for.</summary>
    public IReadOnlyList<(Guid SeatId, VoteChoice Choice)> UnanimityOfThosePresent() =>
        [.. Presences.Where(p => p.Presence != Presence.Absent).Select(p => (p.SeatId, VoteChoice.For))];

    public Result WriteItemNotes(Guid itemId, string? text)
    {
        if (Items.All(i => i.Id != itemId))
        {
            return new DomainError("item.unknown", "Ce point n'est pas à l'ordre du jour.");
        }

        if (text is { Length: > MaxText })
        {
            return new DomainError("item.notes", $"{MaxText} caractères au plus.", "MinutesText");
        }

        Items = [.. Items.Select(i => i.Id == itemId ? i with { MinutesText = Blank(text) } : i)];
        return Changed();
    }

    public Result Close(DateOnly today)
    {
        if (Status != MeetingStatus.Convened)
        {
            return new DomainError("meeting.close", "Seule une réunion convoquée est déclarée tenue.");
        }

        if (today < MeetsOn || !AttendanceRecorded)
        {
            return new DomainError("meeting.close.early", "Une réunion est déclarée tenue le jour même ou après, une fois les présences saisies.");
        }

        Status = MeetingStatus.Held;
        return Changed();
    }

    public static string SeatLabel(Agreement agreement, CommitteeSeat seat) =>
        $"{agreement.PartyById(seat.PartyId)?.ShortName ?? "?"} — {seat.Holder}";

    public string Label => $"{KindLabel(Kind)} du {FrenchText.Date(MeetsOn)}";

    public static string KindLabel(MeetingKind kind) => kind switch
    {
        MeetingKind.Spring => "Comité de printemps",
        MeetingKind.YearEnd => "Comité de fin d'année",
        _ => "Comité exceptionnel",
    };

    /// <summary>Every change moves the version, so that a second person saving over it is told (optimistic concurrency).</summary>
    private Result Changed()
    {
        Version++;
        return Result.Success();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
