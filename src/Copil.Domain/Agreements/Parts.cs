namespace Copil.Domain.Agreements;

/// <summary>Kinds of party (partie signataire).</summary>
public enum PartyKind
{
    /// <summary>A ministry of the State (e.g. MENJS, MESRI), with the directorate that reviews for it.</summary>
    StateMinistry = 0,

    /// <summary>An opérateur de compétences.</summary>
    Opco = 1,

    /// <summary>A professional branch or its federation.</summary>
    ProfessionalBranch = 2,

    /// <summary>An association.</summary>
    Association = 3,

    Other = 4,
}

/// <summary>Whether and how the agreement can be renewed (seed art. 17: no tacit renewal).</summary>
public enum RenewalPolicy
{
    /// <summary>No renewal: a new agreement is needed.</summary>
    None = 0,

    /// <summary>Renewed if the partner asks.</summary>
    OnPartnerRequest = 1,

    /// <summary>Extended by amendment only.</summary>
    ByAmendment = 2,
}

/// <summary>How the last day in force follows from the signature date and the term.</summary>
public enum EndOfTermRule
{
    /// <summary>In force on the signature day, last day the day before the anniversary (French legal usage).</summary>
    DayBeforeAnniversary = 0,

    /// <summary>Last day in force on the anniversary itself.</summary>
    OnAnniversary = 1,
}

/// <summary>Status of an agreement on a given day, derived from its dates and events.</summary>
public enum AgreementStatus
{
    /// <summary>En préparation: not signed yet, or signed for a later date.</summary>
    Draft = 0,

    /// <summary>En vigueur.</summary>
    InForce = 1,

    /// <summary>En vigueur, résiliation notifiée.</summary>
    UnderNotice = 2,

    /// <summary>Terminée: term reached or termination effective.</summary>
    Ended = 3,

    /// <summary>Caduque (art. 11 of the seed: unauthorised use of the ministries' logos).</summary>
    Void = 4,
}

/// <summary>A party to the agreement (partie signataire).</summary>
public sealed class Party
{
    private Party() { }

    internal Party(int position, PartyKind kind, string name, string shortName, string? reviewingDirectorate, string? reviewingDirectorateName)
    {
        Id = Guid.NewGuid();
        Position = position;
        Kind = kind;
        Name = name;
        ShortName = shortName;
        ReviewingDirectorate = reviewingDirectorate;
        ReviewingDirectorateName = reviewingDirectorateName;
    }

    public Guid Id { get; private set; }

    /// <summary>Order of entry, as the text lists the parties.</summary>
    public int Position { get; private set; }

    public PartyKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string ShortName { get; private set; } = "";

    /// <summary>Short name of the directorate that reviews for a ministry (e.g. DGESCO), null for partners.</summary>
    public string? ReviewingDirectorate { get; private set; }

    public string? ReviewingDirectorateName { get; private set; }

    public bool IsState => Kind == PartyKind.StateMinistry;
}

/// <summary>A person who signed for a party (signataire).</summary>
public sealed class Signatory
{
    private Signatory() { }

    internal Signatory(int position, Guid partyId, string name, string role)
    {
        Id = Guid.NewGuid();
        Position = position;
        PartyId = partyId;
        Name = name;
        Role = role;
    }

    public Guid Id { get; private set; }

    public int Position { get; private set; }

    public Guid PartyId { get; private set; }

    public string Name { get; private set; } = "";

    public string Role { get; private set; } = "";
}

/// <summary>A cooperation axis (axe de coopération), e.g. art. 2 to 10 of the seed.</summary>
public sealed class CooperationAxis
{
    private CooperationAxis() { }

    internal CooperationAxis(int position, string title, string article)
    {
        Id = Guid.NewGuid();
        Position = position;
        Title = title;
        Article = article;
    }

    public Guid Id { get; private set; }

    public int Position { get; private set; }

    public string Title { get; private set; } = "";

    public string Article { get; private set; } = "";
}

/// <summary>A voting seat of the steering committee (siège du copil), art. 13 of the seed.</summary>
public sealed class CommitteeSeat
{
    private CommitteeSeat() { }

    internal CommitteeSeat(int position, Guid partyId, string holder, string? substitute, int voteWeight, bool isBoardMember)
    {
        Id = Guid.NewGuid();
        Position = position;
        PartyId = partyId;
        Update(holder, substitute, voteWeight, isBoardMember);
    }

    public Guid Id { get; private set; }

    public int Position { get; private set; }

    public Guid PartyId { get; private set; }

    public string Holder { get; private set; } = "";

    public string? Substitute { get; private set; }

    public int VoteWeight { get; private set; }

    /// <summary>Whether the holder sits on the OPCO's board (seed art. 13: at least one OPCO seat).</summary>
    public bool IsBoardMember { get; private set; }

    internal void Update(string holder, string? substitute, int voteWeight, bool isBoardMember)
    {
        Holder = holder;
        Substitute = substitute;
        VoteWeight = voteWeight;
        IsBoardMember = isBoardMember;
    }

    internal void ChangeWeight(int voteWeight) => VoteWeight = voteWeight;
}

/// <summary>A non-voting participant of the committee: expert or qualified person (art. 13).</summary>
public sealed class CommitteeInvitee
{
    private CommitteeInvitee() { }

    internal CommitteeInvitee(int position, string name, string organisation, string capacity)
    {
        Id = Guid.NewGuid();
        Position = position;
        Name = name;
        Organisation = organisation;
        Capacity = capacity;
    }

    public Guid Id { get; private set; }

    public int Position { get; private set; }

    public string Name { get; private set; } = "";

    public string Organisation { get; private set; } = "";

    public string Capacity { get; private set; } = "";
}

/// <summary>The yearly envelope (plafond) for a calendar year, in whole cents (art. 16).</summary>
public sealed class YearlyCeiling
{
    private YearlyCeiling() { }

    internal YearlyCeiling(int year, long amountCents)
    {
        Id = Guid.NewGuid();
        Year = year;
        AmountCents = amountCents;
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public long AmountCents { get; private set; }

    internal void Change(long amountCents) => AmountCents = amountCents;
}
