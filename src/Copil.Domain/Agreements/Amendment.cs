namespace Copil.Domain.Agreements;

/// <summary>What an amendment (avenant) asks to change; every field is optional, at least one is set.</summary>
public sealed record AmendmentRequest
{
    public required DateOnly SignedOn { get; init; }

    public required string Summary { get; init; }

    /// <summary>New last day in force.</summary>
    public DateOnly? NewEndDate { get; init; }

    public int? NewManagementFeeCapBasisPoints { get; init; }

    public int? CeilingYear { get; init; }

    public long? NewCeilingCents { get; init; }

    public int? NewNoticePeriodMonths { get; init; }

    public int? NewDocumentsLeadDays { get; init; }

    public int? NewMinutesReviewDays { get; init; }

    /// <summary>New vote weights, seat by seat.</summary>
    public IReadOnlyDictionary<Guid, int> NewSeatWeights { get; init; } = new Dictionary<Guid, int>();
}

/// <summary>An amendment (avenant) as signed, with what it changed, before → after.</summary>
public sealed class Amendment
{
    private readonly List<AmendmentChange> _changes = [];

    private Amendment() { }

    internal Amendment(int number, DateOnly signedOn, string summary, DateOnly? newEndDate, IEnumerable<AmendmentChange> changes)
    {
        Id = Guid.NewGuid();
        Number = number;
        SignedOn = signedOn;
        Summary = summary;
        NewEndDate = newEndDate;
        _changes.AddRange(changes);
    }

    public Guid Id { get; private set; }

    /// <summary>Avenant n° 1, 2…</summary>
    public int Number { get; private set; }

    public DateOnly SignedOn { get; private set; }

    public string Summary { get; private set; } = "";

    /// <summary>The last day in force this amendment set, if it moved it.</summary>
    public DateOnly? NewEndDate { get; private set; }

    public IReadOnlyList<AmendmentChange> Changes => _changes;
}

/// <summary>One change made by an amendment, in French: "Date de fin : 30 novembre 2023 → 30 novembre 2025".</summary>
public sealed class AmendmentChange
{
    private AmendmentChange() { }

    internal AmendmentChange(string subject, string before, string after)
    {
        Id = Guid.NewGuid();
        Subject = subject;
        Before = before;
        After = after;
    }

    public Guid Id { get; private set; }

    public string Subject { get; private set; } = "";

    public string Before { get; private set; } = "";

    public string After { get; private set; } = "";
}

/// <summary>A notice of termination (dénonciation) received from a party, and the date it takes effect (art. 18 of the seed).</summary>
public sealed class Termination
{
    private Termination() { }

    internal Termination(Guid partyId, DateOnly receivedOn, DateOnly earliestEffectiveOn, DateOnly? requestedEffectiveOn, string? reason)
    {
        Id = Guid.NewGuid();
        PartyId = partyId;
        ReceivedOn = receivedOn;
        EarliestEffectiveOn = earliestEffectiveOn;
        RequestedEffectiveOn = requestedEffectiveOn;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    /// <summary>The party that gave notice.</summary>
    public Guid PartyId { get; private set; }

    /// <summary>The day the written notice was received.</summary>
    public DateOnly ReceivedOn { get; private set; }

    /// <summary>End of the minimum notice period: received on + notice months (CPC art. 641).</summary>
    public DateOnly EarliestEffectiveOn { get; private set; }

    /// <summary>A later date asked for by the party, if any (never an earlier one).</summary>
    public DateOnly? RequestedEffectiveOn { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The last day the agreement is in force under this notice: the notice period expires at the end of this day.</summary>
    public DateOnly EffectiveOn => RequestedEffectiveOn ?? EarliestEffectiveOn;
}
