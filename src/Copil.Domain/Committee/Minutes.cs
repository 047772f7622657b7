using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Domain.Common;
using Copil.Domain.Voting;

namespace Copil.Domain.Committee;

public enum MinutesStatus
{
    /// <summary>Written by the secretariat.</summary>
    Draft = 0,

    /// <summary>Sent to the reviewing directorates (DGESCO, DGESIP for the seed) for proof-reading within 7 days (art. 14).</summary>
    InReview = 1,

    /// <summary>Submitted to the members of the committee for validation.</summary>
    AwaitingValidation = 2,

    /// <summary>Validated: frozen, its content hash recorded, sent to the partners of the actions it decided on.</summary>
    Validated = 3,
}

/// <summary>One version of the text; every version is kept and comparable.</summary>
public sealed record MinutesVersion(int Number, string Text, DateTime CreatedAtUtc, string CreatedBy);

/// <summary>A reviewing directorate's answer on one version: approved, or comments for the secretariat.</summary>
public sealed record MinutesReview(Guid PartyId, string Directorate, int VersionNumber, bool Approved, string? Comment, DateOnly On, string By, bool Late);

/// <summary>
/// The minutes of a meeting (art. 14 of the seed): drafted by the secretariat from what was recorded, proof-read by the
/// reviewing directorates within the agreement's delay, revised, then validated by the members by a weighted vote;
/// once validated the text is frozen and its SHA-256 shown.
/// </summary>
public sealed class Minutes
{
    public const int MaxText = 100_000;

    private Minutes() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public Guid MeetingId { get; private set; }

    public MinutesStatus Status { get; private set; }

    public IReadOnlyList<MinutesVersion> Versions { get; private set; } = [];

    public IReadOnlyList<MinutesReview> Reviews { get; private set; } = [];

    public DateOnly? SentForReviewOn { get; private set; }

    public DateOnly? ReviewDueOn { get; private set; }

    /// <summary>How the review deadline was computed, with its article.</summary>
    public string? ReviewDueSource { get; private set; }

    public ItemVote? Validation { get; private set; }

    /// <summary>The written consultation the members are answering on these minutes, if any.</summary>
    public Guid? PendingConsultationId { get; private set; }

    public DateOnly? ValidatedOn { get; private set; }

    /// <summary>Hex SHA-256 of the validated text (UTF-8).</summary>
    public string? ContentHash { get; private set; }

    public int Version { get; private set; }

    /// <summary>Recorded after the fact (« saisi a posteriori »), for a meeting entered afterwards: its real dates, no workflow run in Copil.</summary>
    public bool EnteredAfterwards { get; private set; }

    /// <summary>The signed minutes, uploaded among the meeting's documents, when the history was entered with it.</summary>
    public Guid? SignedDocumentId { get; private set; }

    public MinutesVersion Current => Versions[^1];

    /// <summary>How the validation reads: the members' vote, or the date recorded afterwards.</summary>
    public string ValidationText => Validation is { } vote ? vote.Explanation
        : EnteredAfterwards ? "Validation saisie a posteriori, à la date indiquée par le secrétariat." : "";

    /// <summary>The parties whose directorate proof-reads the minutes (the ministries with a reviewing directorate).</summary>
    public static IReadOnlyList<Party> Reviewers(Agreement agreement) => [.. agreement.Parties.Where(p => p.IsState && p.ReviewingDirectorate is not null)];

    /// <summary>Drafts the minutes from what was recorded at the meeting: attendance, and each item with its vote.</summary>
    public static Result<Minutes> Draft(Agreement agreement, Meeting meeting, Func<Guid, string?> sheetTitle, string by, DateTime nowUtc)
    {
        if (meeting.Status != MeetingStatus.Held)
        {
            return new DomainError("minutes.meeting", "Le compte rendu se rédige une fois la réunion déclarée tenue.");
        }

        var minutes = new Minutes { Id = Guid.NewGuid(), AgreementId = agreement.Id, MeetingId = meeting.Id, Status = MinutesStatus.Draft };
        minutes.Versions = [new MinutesVersion(1, Compose(agreement, meeting, sheetTitle), nowUtc, by)];
        return minutes;
    }

    /// <summary>
    /// The minutes of a meeting entered afterwards (history of an agreement taken over mid-term), validated outside
    /// Copil: the text as typed (or a word pointing to the signed copy uploaded), with the real dates it was sent for
    /// review, reviewed and validated (art. 14). Frozen at once, its SHA-256 computed; nobody is notified.
    /// </summary>
    public static Result<Minutes> RecordPast(
        Agreement agreement, Meeting meeting, string? text, DateOnly? sentOn, DateOnly? reviewedOn, DateOnly? validatedOn, Guid? signedDocumentId, string by, DateTime nowUtc, DateOnly today)
    {
        if (meeting is not { EnteredAfterwards: true, Status: MeetingStatus.Held })
        {
            return new DomainError("minutes.history.meeting", "Un compte rendu se saisit a posteriori pour une réunion elle-même saisie a posteriori et déclarée tenue ; sinon, il se rédige, se relit et se valide dans Copil.");
        }

        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            errors.Add(new("minutes.text", "Saisissez le texte du compte rendu (100 000 caractères au plus), ou déposez sa version signée.", "Text"));
        }

        string? Within(DateOnly? day, DateOnly from, string after) =>
            day is not { } d ? null
            : d < from ? $"Cette date précède {after}."
            : d > today ? "Cette date est à venir : un compte rendu saisi a posteriori a ses dates réelles, passées."
            : null;
        if (validatedOn is null)
        {
            errors.Add(new("minutes.history.validated", "Indiquez la date à laquelle le compte rendu a été validé.", "ValidatedOn"));
        }

        foreach (var (day, from, after, field) in new[]
                 {
                     (sentOn, meeting.MeetsOn, $"la réunion du {FrenchText.Date(meeting.MeetsOn)}", "SentOn"),
                     (reviewedOn, sentOn ?? meeting.MeetsOn, sentOn is null ? $"la réunion du {FrenchText.Date(meeting.MeetsOn)}" : "l'envoi en relecture", "ReviewedOn"),
                     (validatedOn, reviewedOn ?? sentOn ?? meeting.MeetsOn, reviewedOn is not null ? "la relecture" : sentOn is not null ? "l'envoi en relecture" : $"la réunion du {FrenchText.Date(meeting.MeetsOn)}", "ValidatedOn"),
                 })
        {
            if (Within(day, from, after) is { } message)
            {
                errors.Add(new("minutes.history.date", message, field));
            }
        }

        if (errors.Count > 0)
        {
            return Result<Minutes>.Failure(errors);
        }

        var body = text!.Trim();
        var minutes = new Minutes
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            MeetingId = meeting.Id,
            Status = MinutesStatus.Validated,
            EnteredAfterwards = true,
            Versions = [new MinutesVersion(1, body, nowUtc, by)],
            SentForReviewOn = sentOn,
            ValidatedOn = validatedOn,
            ContentHash = Hash(body),
            SignedDocumentId = signedDocumentId,
            Reviews = reviewedOn is { } reviewed ? [.. Reviewers(agreement).Select(p => new MinutesReview(p.Id, p.ReviewingDirectorate!, 1, true, null, reviewed, $"{by} (saisi a posteriori)", false))] : [],
        };
        return minutes;
    }

    /// <summary>
    /// The text drafted from the meeting, in the simple markup (« ## » headings, « - » bullets): heading, attendance
    /// by group (so that no participle has to agree with a person), agenda, relevé de décisions, then the discussion
    /// of each point. The secretariat completes it.
    /// </summary>
    public static string Compose(Agreement agreement, Meeting meeting, Func<Guid, string?> sheetTitle)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Compte rendu — {meeting.Label}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Convention {agreement.Reference} — {agreement.Title}. Réunion du {FrenchText.DateWithDay(meeting.MeetsOn)}{(meeting.StartsAt is null ? "" : $" à {meeting.StartsAt}")}, {meeting.Place ?? "en visioconférence"}.");
        text.AppendLine();
        text.AppendLine("## Participants");
        string Seat(CommitteeSeat seat) => $"{Meeting.SeatLabel(agreement, seat)} ({FrenchText.Plural(seat.VoteWeight, "voix", "voix")})";
        Presence? PresenceOf(CommitteeSeat seat) => meeting.Presences.FirstOrDefault(p => p.SeatId == seat.Id)?.Presence;
        foreach (var (label, seats) in new[]
        {
            ("Membres présents", agreement.Seats.Where(s => PresenceOf(s) == Presence.Present).Select(Seat).ToList()),
            ("Membres représentés", agreement.Seats.Where(s => PresenceOf(s) == Presence.Represented).Select(s => $"{Seat(s)}, par {s.Substitute}").ToList()),
            ("Membres absents", agreement.Seats.Where(s => PresenceOf(s) is null or Presence.Absent).Select(Seat).ToList()),
        })
        {
            if (seats.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {label} : {string.Join(" ; ", seats)}.");
            }
        }

        var invitees = agreement.Invitees.Where(i => meeting.InviteesPresent.Contains(i.Id)).ToList();
        if (invitees.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Participaient sans voix délibérative : {string.Join(" ; ", invitees.Select(i => $"{i.Name} ({i.Organisation})"))}.");
        }

        string Title(AgendaItem item) => item.ActionSheetId is { } sheet ? $"{(item.Kind == AgendaItemKind.ChangeRequest ? "Demande de modification — " : "")}{sheetTitle(sheet) ?? item.Title}" : item.Title;
        text.AppendLine();
        text.AppendLine("## Ordre du jour");
        foreach (var item in meeting.Items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {item.Position}. {Title(item)}");
        }

        var decided = meeting.Items.Select(i => (Item: i, Vote: meeting.Votes.FirstOrDefault(v => v.ItemId == i.Id))).Where(x => x.Vote is not null).ToList();
        if (decided.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Relevé de décisions");
            // A table (point, decision, weighted votes, article): what the ministries sign is read at a glance.
            text.AppendLine("| Point | Décision | Pour | Contre | Abstention | Article |");
            foreach (var (item, vote) in decided)
            {
                var decision = Decision(item, vote!);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {item.Position}. {Cell(Title(item))} | {Cell(decision)} | {FrenchText.Plural(vote!.ForWeight, "voix", "voix")} | {FrenchText.Plural(vote.AgainstWeight, "voix", "voix")} | {FrenchText.Plural(vote.AbstainWeight, "voix", "voix")} | {agreement.MajorityRule.Article} |");
            }

            foreach (var (item, vote) in decided.Where(d => d.Vote!.DecisionNotApplied is not null))
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"Point {item.Position} : décision sans effet sur la fiche — {vote!.DecisionNotApplied}");
            }
        }

        foreach (var item in meeting.Items)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## {item.Position}. {Title(item)}");
            if (item.MinutesText is { } notes)
            {
                text.AppendLine(notes);
            }

            if (meeting.Votes.FirstOrDefault(v => v.ItemId == item.Id) is { } vote)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"Vote : {string.Join(" ; ", vote.Ballots.Select(b => $"{b.SeatLabel} {ChoiceLabel(b.Choice)}"))}. {vote.Explanation}");
                foreach (var correction in vote.CorrectionHistory)
                {
                    text.AppendLine();
                    text.AppendLine(CultureInfo.InvariantCulture, $"Vote {correction.Describe()}.");
                }
            }
        }

        var next = NextDueDates(agreement, meeting);
        if (next.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Prochaines échéances");
            foreach (var line in next)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// What comes next for the committee, each with its article: the review of these minutes, the board's decision
    /// after a year-end meeting, the next statutory meeting and the next annual report — within the agreement's term.
    /// </summary>
    public static IReadOnlyList<string> NextDueDates(Agreement agreement, Meeting meeting)
    {
        var terms = agreement.Terms;
        var last = agreement.LastDayInForce ?? DateOnly.MaxValue;
        var lines = new List<string>
        {
            $"Relecture du présent compte rendu par les directions des ministères : dans les {FrenchText.DayCount(terms.MinutesReviewDays)} de son envoi ({terms.MinutesReviewArticle}).",
        };
        if (meeting.Kind == MeetingKind.YearEnd && meeting.BoardMeetingOn is { } board)
        {
            lines.Add($"Conseil d'administration de l'OPCO le {FrenchText.Date(board)} : décision sur les actions de {meeting.Year + 1} validées par le comité, communiquée aux membres ({terms.SpringMeetingArticle}).");
        }

        if (meeting.Kind == MeetingKind.Spring && new DateOnly(meeting.Year, 12, 31) <= last)
        {
            lines.Add($"Comité de fin d'année {meeting.Year} : avant le conseil d'administration de l'OPCO qui arrête les actions de {meeting.Year + 1} ({terms.SpringMeetingArticle}).");
        }
        else if (meeting.Kind == MeetingKind.YearEnd)
        {
            var spring = Deadlines.StrictlyBefore(new DateOnly(meeting.Year + 1, terms.SpringMeetingDueMonth, terms.SpringMeetingDueDay), terms.Calendar());
            if (spring.Date <= last)
            {
                lines.Add($"Comité de printemps {meeting.Year + 1} : au plus tard le {FrenchText.DateWithDay(spring.Date)} ({terms.SpringMeetingArticle}).");
            }
        }

        // The next annual report due after the meeting: of last year until its deadline, of this year after.
        var reportYear = terms.AnnualReportDeadline(meeting.MeetsOn.Year - 1).Date >= meeting.MeetsOn ? meeting.MeetsOn.Year - 1 : meeting.MeetsOn.Year;
        var report = terms.AnnualReportDeadline(reportYear);
        if (report.Date <= last.AddYears(last == DateOnly.MaxValue ? 0 : 1))
        {
            lines.Add($"Bilan annuel {reportYear} adressé aux signataires pour validation : au plus tard le {FrenchText.DateWithDay(report.Date)} ({terms.AnnualReportArticle}).");
        }

        return lines;
    }

    /// <summary>What the vote decided, as the relevé says it: the outcome and, on a sheet, what it did to it.</summary>
    private static string Decision(AgendaItem item, ItemVote vote)
    {
        var outcome = FrenchText.Capitalise(ItemVote.OutcomeLabel(vote.Outcome));
        var onSheet = item.ActionSheetId is null || vote.DecisionNotApplied is not null ? ""
            : vote.SheetOutcome switch
            {
                Actions.CommitteeOutcome.Validated => item.Kind == AgendaItemKind.ChangeRequest ? " — modification validée" : " — fiche validée",
                Actions.CommitteeOutcome.Rejected => item.Kind == AgendaItemKind.ChangeRequest ? " — modification rejetée" : " — fiche rejetée",
                _ => "",
            };
        return $"{outcome}{onSheet}{(vote.CorrectionHistory.Count > 0 ? " (vote corrigé)" : "")}";
    }

    /// <summary>A cell of the relevé: a « | » typed in a title would split it.</summary>
    private static string Cell(string text) => text.Replace('|', '/');

    public static string ChoiceLabel(VoteChoice choice) => choice switch
    {
        VoteChoice.For => "pour",
        VoteChoice.Against => "contre",
        _ => "abstention",
    };

    /// <summary>A new version of the text; refused once validated (the validated text is frozen).</summary>
    public Result Revise(string? text, string by, DateTime nowUtc)
    {
        if (Status is MinutesStatus.Validated)
        {
            return new DomainError("minutes.frozen", $"Le compte rendu est validé depuis le {FrenchText.Date(ValidatedOn!.Value)} : son texte est figé et ne se modifie plus.");
        }

        if (Status is MinutesStatus.AwaitingValidation)
        {
            return new DomainError("minutes.validating", "Le compte rendu est soumis à la validation des membres : il ne se modifie plus pendant le vote.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            return new DomainError("minutes.text", "Rédigez le compte rendu (100 000 caractères au plus).", "Text");
        }

        if (text.Trim() == Current.Text)
        {
            return new DomainError("minutes.unchanged", "Le texte n'a pas changé : aucune nouvelle version n'est créée.", "Text");
        }

        Versions = [.. Versions, new MinutesVersion(Current.Number + 1, text.Trim(), nowUtc, by)];
        return Changed();
    }

    /// <summary>Sends the current version to the reviewing directorates; the deadline is computed from the agreement's delay.</summary>
    public Result SendForReview(Agreement agreement, DateOnly today)
    {
        if (Status != MinutesStatus.Draft)
        {
            return new DomainError("minutes.review.status", "Le compte rendu est déjà en relecture ou au-delà.");
        }

        if (Reviewers(agreement).Count == 0)
        {
            return new DomainError("minutes.reviewers", "Aucune direction relectrice n'est indiquée pour les ministères de la convention (page « Parties, comité et axes »).");
        }

        var terms = agreement.Terms;
        var due = Deadlines.DaysAfter(today, terms.MinutesReviewDays, terms.WorkingDayPolicy, terms.Calendar());
        Status = MinutesStatus.InReview;
        SentForReviewOn = today;
        ReviewDueOn = due.Date;
        ReviewDueSource = $"{terms.MinutesReviewArticle} : relecture sous {FrenchText.DayCount(terms.MinutesReviewDays)}, soit {due.Explanation}";
        return Changed();
    }

    /// <summary>A reviewing directorate approves the current version or comments on it.</summary>
    public Result Review(Agreement agreement, Guid partyId, bool approved, string? comment, string by, DateOnly today)
    {
        var party = Reviewers(agreement).FirstOrDefault(p => p.Id == partyId);
        if (party is null)
        {
            return new DomainError("minutes.review.party", "Seule une direction relectrice des ministères de la convention relit le compte rendu (art. 14).", "PartyId");
        }

        if (Status != MinutesStatus.InReview)
        {
            return new DomainError("minutes.review.status", "Le compte rendu n'est pas en relecture.");
        }

        if (!approved && string.IsNullOrWhiteSpace(comment))
        {
            return new DomainError("minutes.review.comment", "Indiquez vos remarques, ou approuvez le compte rendu.", "Comment");
        }

        if (comment is { Length: > Meeting.MaxText })
        {
            return new DomainError("minutes.review.length", $"{Meeting.MaxText} caractères au plus.", "Comment");
        }

        if (Reviews.Any(r => r.PartyId == partyId && r.VersionNumber == Current.Number))
        {
            return new DomainError("minutes.review.twice", $"{party.ReviewingDirectorate} a déjà répondu sur la version {Current.Number} ; une nouvelle version lui sera soumise si le secrétariat révise le texte.");
        }

        Reviews = [.. Reviews, new MinutesReview(partyId, party.ReviewingDirectorate!, Current.Number, approved, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), today, by, today > ReviewDueOn)];
        return Changed();
    }

    /// <summary>The directorates that have not approved the current version.</summary>
    public IReadOnlyList<Party> AwaitedReviewers(Agreement agreement) =>
        [.. Reviewers(agreement).Where(p => !Reviews.Any(r => r.PartyId == p.Id && r.VersionNumber == Current.Number && r.Approved))];

    /// <summary>
    /// Submits the minutes to the members' validation, once every directorate approved the current version, or once
    /// the review delay has run out (art. 14 gives them 7 days; silence does not hold the committee up).
    /// </summary>
    public Result SubmitForValidation(Agreement agreement, DateOnly today)
    {
        if (Status != MinutesStatus.InReview)
        {
            return new DomainError("minutes.validation.status", "Le compte rendu doit d'abord être relu par les directions.");
        }

        var awaited = AwaitedReviewers(agreement);
        if (awaited.Count > 0 && today <= ReviewDueOn)
        {
            return new DomainError("minutes.validation.early",
                $"Relecture en cours jusqu'au {FrenchText.Date(ReviewDueOn!.Value)} ({ReviewDueSource}) : {string.Join(" et ", awaited.Select(p => p.ReviewingDirectorate))} n'{(awaited.Count > 1 ? "ont" : "a")} pas approuvé la version {Current.Number}.");
        }

        Status = MinutesStatus.AwaitingValidation;
        return Changed();
    }

    /// <summary>
    /// The members' vote on the minutes, by the agreement's rule. Adopted: the text is frozen and hashed. Rejected or
    /// no decision: back to the secretariat for a new version, which goes through review again.
    /// </summary>
    public Result<ItemVote> RecordValidation(Agreement agreement, IReadOnlyList<(Guid SeatId, VoteChoice Choice)> choices, string by, DateOnly today, Guid? fromConsultation = null)
    {
        if (Status != MinutesStatus.AwaitingValidation)
        {
            return new DomainError("minutes.validation.status", "Le compte rendu n'est pas soumis à la validation des membres.");
        }

        if (PendingConsultationId != fromConsultation)
        {
            return new DomainError("minutes.validation.consultation", "Les membres se prononcent sur ce compte rendu par consultation écrite : le résultat sera connu à sa clôture.");
        }

        if (fromConsultation is not null && choices.Count == 0)
        {
            // Nobody answered: no decision; the secretariat may consult again or put it to a meeting.
            PendingConsultationId = null;
            Validation = new ItemVote(Guid.NewGuid(), Id, [], TallyOutcome.NoVoteCast, 0, 0, 0, "Aucune décision : aucune voix exprimée dans la consultation écrite.", today, by);
            Version++;
            return Validation;
        }

        if (choices.Count == 0)
        {
            return new DomainError("minutes.validation.empty", "Indiquez le vote d'au moins un siège.");
        }

        if (choices.GroupBy(c => c.SeatId).Any(g => g.Count() > 1))
        {
            return new DomainError("vote.seat.twice", "Un siège ne vote qu'une fois.");
        }

        var ballots = new List<Ballot>();
        foreach (var (seatId, choice) in choices)
        {
            if (agreement.Seats.FirstOrDefault(s => s.Id == seatId) is not { } seat || !Enum.IsDefined(choice))
            {
                return new DomainError("vote.seat.unknown", "Un siège indiqué n'appartient pas au comité de cette convention.");
            }

            ballots.Add(new Ballot(seat.Id, Meeting.SeatLabel(agreement, seat), seat.VoteWeight, choice));
        }

        // The seats that took part count as present for a quorum, as in a written consultation.
        var tally = WeightedTally.Count([.. ballots.Select(b => new SeatVote(b.SeatId, b.SeatLabel, b.Weight, b.Choice))],
            agreement.Seats.Sum(s => s.VoteWeight), ballots.Sum(b => b.Weight), agreement.MajorityRule);
        var vote = new ItemVote(Guid.NewGuid(), Id, ballots, tally.Outcome, tally.ForWeight, tally.AgainstWeight, tally.AbstainWeight, tally.Explanation, today, by);
        Validation = vote;
        PendingConsultationId = null;
        if (tally.Outcome == TallyOutcome.Adopted)
        {
            Status = MinutesStatus.Validated;
            ValidatedOn = today;
            ContentHash = Hash(Current.Text);
        }
        else
        {
            Status = MinutesStatus.Draft;
            SentForReviewOn = null;
            ReviewDueOn = null;
            ReviewDueSource = null;
        }

        Version++;
        return vote;
    }

    /// <summary>Every change moves the version, so that a second person saving over it is told (optimistic concurrency).</summary>
    private Result Changed()
    {
        Version++;
        return Result.Success();
    }

    /// <summary>The members are consulted in writing on these minutes; only that consultation's result can validate them.</summary>
    internal void PutToConsultation(Guid consultationId)
    {
        PendingConsultationId = consultationId;
        Version++;
    }

    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public static string StatusLabel(MinutesStatus status) => status switch
    {
        MinutesStatus.Draft => "en rédaction",
        MinutesStatus.InReview => "en relecture",
        MinutesStatus.AwaitingValidation => "soumis à validation",
        _ => "validé",
    };
}
