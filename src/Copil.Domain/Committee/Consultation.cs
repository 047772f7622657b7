using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Voting;

namespace Copil.Domain.Committee;

public enum ConsultationStatus
{
    Open = 0,
    Closed = 1,
}

/// <summary>A point put to the members by e-mail.</summary>
public sealed record ConsultationItem(Guid Id, int Position, AgendaItemKind Kind, string Title, Guid? ActionSheetId, Guid? MinutesId = null);

/// <summary>A seat's vote in a written consultation, with how it was cast (personal link or the app).</summary>
public sealed record ConsultationBallot(Guid ItemId, Guid SeatId, string SeatLabel, int Weight, VoteChoice Choice, DateTime CastAtUtc, string CastBy, string Channel);

/// <summary>
/// A written consultation (art. 14 of the seed: when the committee cannot meet, its members are consulted by e-mail on
/// any point needing an opinion or a validation). Each seat votes once per item until the closing date; at closing,
/// each item is tallied by the same rule as a meeting (art. 13), the seats that answered counting as present.
/// </summary>
public sealed class Consultation
{
    private Consultation() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public string Subject { get; private set; } = "";

    public DateOnly OpenedOn { get; private set; }

    /// <summary>The last day to answer, inclusive (Paris time).</summary>
    public DateOnly ClosesOn { get; private set; }

    public ConsultationStatus Status { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public IReadOnlyList<ConsultationItem> Items { get; private set; } = [];

    public IReadOnlyList<ConsultationBallot> Ballots { get; private set; } = [];

    public IReadOnlyList<ItemVote> Results { get; private set; } = [];

    public int Version { get; private set; }

    public static Result<Consultation> Open(Agreement agreement, string? subject, DateOnly closesOn, IReadOnlyList<(AgendaItemKind Kind, string Title, Guid? ActionSheetId)> items, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(subject) || subject.Trim().Length > 300)
        {
            errors.Add(new("consultation.subject", "Donnez un objet à la consultation (300 caractères au plus).", "Subject"));
        }

        if (closesOn <= today)
        {
            errors.Add(new("consultation.closes", "La date de clôture est postérieure à aujourd'hui : les membres doivent avoir le temps de répondre.", "ClosesOn"));
        }
        else if (agreement.LastDayInForce is { } last && closesOn > last)
        {
            errors.Add(new("consultation.after-end", $"La convention prend fin le {FrenchText.Date(last)} : la consultation se clôt au plus tard ce jour-là.", "ClosesOn"));
        }

        if (items.Count == 0)
        {
            errors.Add(new("consultation.items", "Soumettez au moins un point aux membres.", "Items"));
        }

        if (items.Any(i => string.IsNullOrWhiteSpace(i.Title) || i.Title.Length > 300) || items.Where(i => i.ActionSheetId is not null).GroupBy(i => (i.ActionSheetId, i.Kind)).Any(g => g.Count() > 1))
        {
            errors.Add(new("consultation.item", "Chaque point a un intitulé, et une fiche n'est soumise qu'une fois.", "Items"));
        }

        if (agreement.Seats.Count == 0)
        {
            errors.Add(new("consultation.seats", "Le comité de cette convention n'a aucun siège : personne ne peut voter."));
        }

        if (errors.Count > 0)
        {
            return Result<Consultation>.Failure(errors);
        }

        return new Consultation
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            Subject = subject!.Trim(),
            OpenedOn = today,
            ClosesOn = closesOn,
            Status = ConsultationStatus.Open,
            Items = [.. items.Select((i, n) => new ConsultationItem(Guid.NewGuid(), n + 1, i.Kind, i.Title.Trim(), i.ActionSheetId))],
            Version = 1,
        };
    }

    /// <summary>A consultation whose only point is the validation of minutes awaiting the members' vote.</summary>
    public static Result<Consultation> ForMinutes(Agreement agreement, Minutes minutes, Meeting meeting, DateOnly closesOn, DateOnly today)
    {
        if (minutes.Status != MinutesStatus.AwaitingValidation || minutes.PendingConsultationId is not null)
        {
            return new DomainError("consultation.minutes", "Le compte rendu doit être soumis à la validation des membres, sans consultation déjà en cours.");
        }

        var opened = Open(agreement, $"Validation du compte rendu du {meeting.Label.ToLowerInvariant()}", closesOn,
            [(AgendaItemKind.MinutesValidation, $"Validation du compte rendu (version {minutes.Current.Number})", null)], today);
        if (opened.IsSuccess)
        {
            var consultation = opened.Value;
            consultation.Items = [consultation.Items[0] with { MinutesId = minutes.Id }];
            minutes.PutToConsultation(consultation.Id);
        }

        return opened;
    }

    /// <summary>
    /// The ballots a person may read: while the consultation is open, the secretariat that runs it sees them all and a
    /// seat holder its own seats' (no one votes knowing how the others voted); at closing all are published with the
    /// result (art. 14).
    /// </summary>
    public IReadOnlyList<ConsultationBallot> BallotsVisibleTo(bool runsTheConsultation, IReadOnlyCollection<Guid> ownSeats) =>
        Status == ConsultationStatus.Closed || runsTheConsultation ? Ballots : [.. Ballots.Where(b => ownSeats.Contains(b.SeatId))];

    public bool HasVoted(Guid itemId, Guid seatId) => Ballots.Any(b => b.ItemId == itemId && b.SeatId == seatId);

    /// <summary>A seat's vote on an item: once, while open, until the end of the closing day.</summary>
    public Result Cast(Agreement agreement, Guid itemId, Guid seatId, VoteChoice choice, string by, string channel, DateTime nowUtc, DateOnly today)
    {
        if (Status != ConsultationStatus.Open || today > ClosesOn)
        {
            return new DomainError("consultation.closed", $"La consultation est close depuis le {FrenchText.Date(ClosedOn ?? ClosesOn.AddDays(1))} : plus aucun vote n'est reçu.");
        }

        if (Items.All(i => i.Id != itemId))
        {
            return new DomainError("consultation.item.unknown", "Ce point n'est pas soumis à cette consultation.");
        }

        if (agreement.Seats.FirstOrDefault(s => s.Id == seatId) is not { } seat)
        {
            return new DomainError("consultation.seat", "Ce siège n'appartient pas au comité de cette convention.");
        }

        if (!Enum.IsDefined(choice))
        {
            return new DomainError("consultation.choice", "Votez pour, contre ou abstention.", "Choice");
        }

        if (HasVoted(itemId, seatId))
        {
            return new DomainError("consultation.twice", $"Le siège de {seat.Holder} a déjà voté sur ce point : un vote ne se refait pas.");
        }

        Ballots = [.. Ballots, new ConsultationBallot(itemId, seatId, Meeting.SeatLabel(agreement, seat), seat.VoteWeight, choice, nowUtc, by, channel)];
        Version++;
        return Result.Success();
    }

    /// <summary>Closes the consultation once its last day has passed, and tallies each item by the agreement's rule.</summary>
    public Result Close(Agreement agreement, DateOnly today)
    {
        if (Status != ConsultationStatus.Open)
        {
            return new DomainError("consultation.closed", "La consultation est déjà close.");
        }

        if (today <= ClosesOn)
        {
            return new DomainError("consultation.early", $"La consultation est ouverte jusqu'au {FrenchText.Date(ClosesOn)} inclus : elle se clôt le lendemain.");
        }

        var total = agreement.Seats.Sum(s => s.VoteWeight);
        Results = [.. Items.Select(item =>
        {
            var ballots = Ballots.Where(b => b.ItemId == item.Id).ToList();
            var tally = WeightedTally.Count([.. ballots.Select(b => new SeatVote(b.SeatId, b.SeatLabel, b.Weight, b.Choice))], total, ballots.Sum(b => b.Weight), agreement.MajorityRule);
            return new ItemVote(Guid.NewGuid(), item.Id, [.. ballots.Select(b => new Ballot(b.SeatId, b.SeatLabel, b.Weight, b.Choice))], tally.Outcome,
                tally.ForWeight, tally.AgainstWeight, tally.AbstainWeight, $"Consultation écrite close le {FrenchText.Date(ClosesOn)} : {tally.Explanation}", today, "clôture automatique");
        })];
        Status = ConsultationStatus.Closed;
        ClosedOn = today;
        Version++;
        return Result.Success();
    }

    /// <summary>
    /// Keeps, on the vote, why the decision it carries could not take effect on its action sheet (art. 16 ceiling, a
    /// sheet no longer awaiting the committee): the vote stands as cast, and the refusal is shown, not dropped.
    /// </summary>
    public Result RecordDecisionNotApplied(Guid voteId, string reason)
    {
        if (ItemVote.WithDecisionNotApplied(Results, voteId, reason) is not { } marked)
        {
            return ItemVote.Unknown;
        }

        Results = marked;
        Version++;
        return Result.Success();
    }
}
