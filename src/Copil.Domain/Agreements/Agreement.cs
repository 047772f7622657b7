using Copil.Domain.Calendar;
using Copil.Domain.Common;
using Copil.Domain.Voting;

namespace Copil.Domain.Agreements;

/// <summary>
/// A convention-cadre de coopération between the State and its partners: parties, term, committee,
/// terms, amendments and termination. Every figure is data of this agreement, not a constant.
/// </summary>
public sealed partial class Agreement
{
    private readonly List<Party> _parties = [];
    private readonly List<Signatory> _signatories = [];
    private readonly List<CooperationAxis> _axes = [];
    private readonly List<CommitteeSeat> _seats = [];
    private readonly List<CommitteeInvitee> _invitees = [];
    private readonly List<YearlyCeiling> _yearlyCeilings = [];
    private readonly List<Amendment> _amendments = [];

    private Agreement() { }

    public Guid Id { get; private set; }

    public string Reference { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string? LegalBasis { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    public string? SignedAt { get; private set; }

    public int TermMonths { get; private set; }

    public string TermArticle { get; private set; } = "art. 17";

    public RenewalPolicy RenewalPolicy { get; private set; }

    public EndOfTermRule EndOfTermRule { get; private set; }

    public string CommitteeArticle { get; private set; } = "art. 13";

    public int? QuorumBasisPoints { get; private set; }

    public Guid? CastingVoteSeatId { get; private set; }

    public AgreementTerms Terms { get; private set; } = new();

    /// <summary>The last day in force set by the latest amendment that moved it, if any.</summary>
    public DateOnly? AmendedEndDate { get; private set; }

    public Termination? Termination { get; private set; }

    /// <summary>The day the agreement was found void (caduque), if ever.</summary>
    public DateOnly? VoidOn { get; private set; }

    public string? VoidReason { get; private set; }

    /// <summary>Incremented by every change, so that two people saving the same agreement never overwrite each other silently.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Party> Parties => _parties;

    public IReadOnlyList<Signatory> Signatories => _signatories;

    public IReadOnlyList<CooperationAxis> Axes => _axes;

    public IReadOnlyList<CommitteeSeat> Seats => _seats;

    public IReadOnlyList<CommitteeInvitee> Invitees => _invitees;

    public IReadOnlyList<YearlyCeiling> YearlyCeilings => _yearlyCeilings;

    public IReadOnlyList<Amendment> Amendments => _amendments;

    public static Result<Agreement> Create(AgreementDetails details, AgreementTerms terms, DateOnly today)
    {
        var errors = details.Validate(today).Concat(terms.Validate()).ToList();
        if (errors.Count > 0)
        {
            return Result<Agreement>.Failure(errors);
        }

        var agreement = new Agreement { Id = Guid.NewGuid(), Version = 1 };
        agreement.Apply(details, terms);
        return agreement;
    }

    /// <summary>Corrects the description and the terms as entered. A substantive change after signature is an amendment (<see cref="Amend"/>).</summary>
    public Result Correct(AgreementDetails details, AgreementTerms terms, DateOnly today)
    {
        var errors = details.Validate(today).Concat(terms.Validate()).ToList();
        if (details.SignedOn is null && SignedOn is not null && (_amendments.Count > 0 || Termination is not null))
        {
            errors.Add(new("agreement.signed-on.required", "La date de signature ne peut plus être effacée : la convention a déjà des avenants ou une résiliation.", nameof(AgreementDetails.SignedOn)));
        }

        if (details.SignedOn is { } signed && _amendments.Any(a => a.SignedOn < signed))
        {
            errors.Add(new("agreement.signed-on.after-amendment", "La date de signature ne peut pas être postérieure à celle d'un avenant.", nameof(AgreementDetails.SignedOn)));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Apply(details, terms);
        Touch();
        return Result.Success();
    }

    private void Apply(AgreementDetails details, AgreementTerms terms)
    {
        Reference = details.Reference.Trim();
        Title = details.Title.Trim();
        LegalBasis = Blank(details.LegalBasis);
        SignedOn = details.SignedOn;
        SignedAt = Blank(details.SignedAt);
        TermMonths = details.TermMonths;
        TermArticle = details.TermArticle.Trim();
        RenewalPolicy = details.RenewalPolicy;
        EndOfTermRule = details.EndOfTermRule;
        CommitteeArticle = details.CommitteeArticle.Trim();
        QuorumBasisPoints = details.QuorumBasisPoints;
        Terms = terms;
    }

    public AgreementDetails Details => new()
    {
        Reference = Reference,
        Title = Title,
        LegalBasis = LegalBasis,
        SignedOn = SignedOn,
        SignedAt = SignedAt,
        TermMonths = TermMonths,
        TermArticle = TermArticle,
        RenewalPolicy = RenewalPolicy,
        EndOfTermRule = EndOfTermRule,
        CommitteeArticle = CommitteeArticle,
        QuorumBasisPoints = QuorumBasisPoints,
    };

    // ---- Parties, signatories, axes ----

    public Result<Party> AddParty(PartyKind kind, string name, string shortName, string? reviewingDirectorate, string? reviewingDirectorateName)
    {
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(new("party.kind", "Choisissez le type de partie.", "Kind"));
        }

        Require(errors, name, 200, "Name", "Indiquez le nom de la partie (200 caractères au plus).");
        Require(errors, shortName, 40, "ShortName", "Indiquez le sigle de la partie (40 caractères au plus).");
        if (_parties.Any(p => string.Equals(p.ShortName, shortName?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new("party.duplicate", "Une partie porte déjà ce sigle dans cette convention.", "ShortName"));
        }

        if (kind == PartyKind.StateMinistry && string.IsNullOrWhiteSpace(reviewingDirectorate))
        {
            errors.Add(new("party.directorate", "Indiquez la direction qui relit pour ce ministère (par exemple DGESCO).", "ReviewingDirectorate"));
        }

        if (reviewingDirectorate is { Length: > 40 } || reviewingDirectorateName is { Length: > 200 })
        {
            errors.Add(new("party.directorate.length", "Le sigle de la direction ne dépasse pas 40 caractères, son nom 200.", "ReviewingDirectorate"));
        }

        if (errors.Count > 0)
        {
            return Result<Party>.Failure(errors);
        }

        var party = new Party(_parties.Count + 1, kind, name.Trim(), shortName.Trim(),
            kind == PartyKind.StateMinistry ? Blank(reviewingDirectorate) : null,
            kind == PartyKind.StateMinistry ? Blank(reviewingDirectorateName) : null);
        _parties.Add(party);
        Touch();
        return party;
    }

    public Result<Signatory> AddSignatory(Guid partyId, string name, string role)
    {
        var errors = new List<DomainError>();
        if (_parties.All(p => p.Id != partyId))
        {
            errors.Add(new("signatory.party", "Choisissez une partie de cette convention.", "PartyId"));
        }

        Require(errors, name, 200, "Name", "Indiquez le nom du signataire (200 caractères au plus).");
        Require(errors, role, 200, "Role", "Indiquez la qualité du signataire (200 caractères au plus).");
        if (errors.Count > 0)
        {
            return Result<Signatory>.Failure(errors);
        }

        var signatory = new Signatory(_signatories.Count + 1, partyId, name.Trim(), role.Trim());
        _signatories.Add(signatory);
        Touch();
        return signatory;
    }

    public Result<CooperationAxis> AddAxis(string title, string article)
    {
        var errors = new List<DomainError>();
        Require(errors, title, 300, "Title", "Indiquez l'intitulé de l'axe (300 caractères au plus).");
        Require(errors, article, 40, "Article", "Indiquez l'article de la convention, par exemple « art. 3 ».");
        if (errors.Count > 0)
        {
            return Result<CooperationAxis>.Failure(errors);
        }

        var axis = new CooperationAxis(_axes.Count == 0 ? 1 : _axes.Max(a => a.Position) + 1, title.Trim(), article.Trim());
        _axes.Add(axis);
        Touch();
        return axis;
    }

    // ---- Steering committee (art. 13) ----

    public Result<CommitteeSeat> AddSeat(Guid partyId, string holder, string? substitute, int voteWeight, bool isBoardMember)
    {
        var errors = ValidateSeat(partyId, holder, substitute, voteWeight);
        if (errors.Count > 0)
        {
            return Result<CommitteeSeat>.Failure(errors);
        }

        var seat = new CommitteeSeat(_seats.Count + 1, partyId, holder.Trim(), Blank(substitute), voteWeight, isBoardMember);
        _seats.Add(seat);
        Touch();
        return seat;
    }

    public Result UpdateSeat(Guid seatId, string holder, string? substitute, int voteWeight, bool isBoardMember)
    {
        var seat = _seats.FirstOrDefault(s => s.Id == seatId);
        if (seat is null)
        {
            return new DomainError("seat.unknown", "Ce siège n'existe pas dans cette convention.");
        }

        var errors = ValidateSeat(seat.PartyId, holder, substitute, voteWeight);
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        seat.Update(holder.Trim(), Blank(substitute), voteWeight, isBoardMember);
        Touch();
        return Result.Success();
    }

    private List<DomainError> ValidateSeat(Guid partyId, string holder, string? substitute, int voteWeight)
    {
        var errors = new List<DomainError>();
        if (_parties.All(p => p.Id != partyId))
        {
            errors.Add(new("seat.party", "Choisissez une partie de cette convention.", "PartyId"));
        }

        Require(errors, holder, 200, "Holder", "Indiquez le titulaire du siège (200 caractères au plus).");
        if (substitute is { Length: > 200 })
        {
            errors.Add(new("seat.substitute", "Le suppléant ne dépasse pas 200 caractères.", "Substitute"));
        }

        if (voteWeight is < 1 or > 100)
        {
            errors.Add(new("seat.weight", $"Le nombre de voix d'un siège est compris entre 1 et 100 ({CommitteeArticle}).", "VoteWeight"));
        }

        return errors;
    }

    public Result<CommitteeInvitee> AddInvitee(string name, string organisation, string capacity)
    {
        var errors = new List<DomainError>();
        Require(errors, name, 200, "Name", "Indiquez le nom de l'invité (200 caractères au plus).");
        Require(errors, organisation, 200, "Organisation", "Indiquez l'organisme de l'invité (200 caractères au plus).");
        Require(errors, capacity, 200, "Capacity", "Indiquez à quel titre l'invité participe (200 caractères au plus).");
        if (errors.Count > 0)
        {
            return Result<CommitteeInvitee>.Failure(errors);
        }

        var invitee = new CommitteeInvitee(_invitees.Count + 1, name.Trim(), organisation.Trim(), capacity.Trim());
        _invitees.Add(invitee);
        Touch();
        return invitee;
    }

    /// <summary>Sets or clears the seat whose vote breaks a tie; off by default.</summary>
    public Result SetCastingVote(Guid? seatId)
    {
        if (seatId is { } id && _seats.All(s => s.Id != id))
        {
            return new DomainError("seat.unknown", "Ce siège n'existe pas dans cette convention.", "CastingVoteSeatId");
        }

        CastingVoteSeatId = seatId;
        Touch();
        return Result.Success();
    }

    public int TotalVoteWeight => _seats.Sum(s => s.VoteWeight);

    public MajorityRule MajorityRule => new(CommitteeArticle, QuorumBasisPoints, CastingVoteSeatId);

    // ---- Money (art. 16) ----

    /// <summary>Sets the envelope of a year; a ceiling below what the year already committed would hide an overrun, so it is refused.</summary>
    public Result SetYearlyCeiling(int year, long amountCents, long committedCents)
    {
        if (year is < 1990 or > 2200)
        {
            return new DomainError("ceiling.year", "Indiquez une année valide.", "Year");
        }

        if (amountCents < 0)
        {
            return new DomainError("ceiling.amount", "Le plafond ne peut pas être négatif.", "Amount");
        }

        if (amountCents < committedCents)
        {
            return new DomainError("ceiling.below-committed", $"Le plafond {year} ({FrenchText.Euros(amountCents)}) serait inférieur aux {FrenchText.Euros(committedCents)} déjà engagés cette année (art. 16) : réduisez d'abord les engagements, ou enregistrez l'avenant qui le fixe.", "Amount");
        }

        var existing = _yearlyCeilings.FirstOrDefault(c => c.Year == year);
        if (existing is null)
        {
            _yearlyCeilings.Add(new YearlyCeiling(year, amountCents));
        }
        else
        {
            existing.Change(amountCents);
        }

        Touch();
        return Result.Success();
    }

    // ---- Dates and status (art. 17, 18) ----

    /// <summary>The last day of the term as signed (before amendments), or null while unsigned.</summary>
    public DateOnly? EndOfTerm => SignedOn is { } signed ? LastDayOfTerm(signed, TermMonths, EndOfTermRule) : null;

    /// <summary>The last day in force as scheduled: the term, or the date moved by the latest amendment.</summary>
    public DateOnly? ScheduledLastDay => AmendedEndDate ?? EndOfTerm;

    /// <summary>The last day in force, after termination if one was notified.</summary>
    public DateOnly? LastDayInForce =>
        ScheduledLastDay is { } scheduled
            ? (TerminationTakesEffect ? Termination!.EffectiveOn : scheduled)
            : null;

    /// <summary>
    /// Whether a notified termination ends the agreement: only if it takes effect before the scheduled last day. A
    /// notice whose period runs past it has no further effect: the agreement ends by expiry that day (art. 17 and 18).
    /// </summary>
    public bool TerminationTakesEffect => Termination is { } t && ScheduledLastDay is { } scheduled && t.EffectiveOn < scheduled;

    /// <summary>In French, what a notified termination does: the day it takes effect, or that the agreement ends by expiry first.</summary>
    public string? TerminationOutcome => Termination is not { } t ? null
        : TerminationTakesEffect
            ? $"La résiliation prend effet à l'expiration du {FrenchText.Date(t.EffectiveOn)} ; les actions engagées sont menées à leur terme ({Terms.NoticePeriodArticle})."
            : $"La convention prend fin par expiration le {FrenchText.Date(ScheduledLastDay!.Value)}, avant la fin du préavis (le {FrenchText.Date(t.EffectiveOn)}) : la résiliation n'a pas d'autre effet ; les actions engagées sont menées à leur terme ({Terms.NoticePeriodArticle}).";

    /// <summary>In force on the signature day; a term of N months ends the day before the Nth-month anniversary (or on it, per the agreement's rule).</summary>
    public static DateOnly LastDayOfTerm(DateOnly signedOn, int termMonths, EndOfTermRule rule)
    {
        var anniversary = Deadlines.MonthsAfter(signedOn, termMonths).Date;
        return rule == EndOfTermRule.OnAnniversary ? anniversary : anniversary.AddDays(-1);
    }

    public AgreementStatus StatusOn(DateOnly day)
    {
        if (VoidOn is { } voidOn && day >= voidOn)
        {
            return AgreementStatus.Void;
        }

        if (SignedOn is not { } signed || day < signed)
        {
            return AgreementStatus.Draft;
        }

        if (LastDayInForce is { } last && day > last)
        {
            return AgreementStatus.Ended;
        }

        return TerminationTakesEffect ? AgreementStatus.UnderNotice : AgreementStatus.InForce;
    }

    public bool IsInForceOn(DateOnly day) => StatusOn(day) is AgreementStatus.InForce or AgreementStatus.UnderNotice;

    /// <summary>Whether a new action may start on a day: not after the end or the termination; engaged actions go on regardless (art. 18).</summary>
    public Result AcceptsNewActionsOn(DateOnly day) =>
        StatusOn(day) switch
        {
            AgreementStatus.InForce or AgreementStatus.UnderNotice => Result.Success(),
            AgreementStatus.Draft => new DomainError("agreement.not-in-force", "La convention n'est pas encore en vigueur : aucune action ne peut être engagée."),
            AgreementStatus.Void => new DomainError("agreement.void", "La convention est caduque : aucune nouvelle action ne peut être engagée."),
            _ => new DomainError("agreement.ended",
                Termination is { } t && LastDayInForce == t.EffectiveOn
                    ? $"La résiliation a pris effet le {FrenchText.Date(t.EffectiveOn)} : aucune nouvelle action ne peut être engagée ; les actions engagées sont menées à leur terme ({Terms.NoticePeriodArticle})."
                    : $"La convention a pris fin le {FrenchText.Date(LastDayInForce!.Value)} : aucune nouvelle action ne peut être engagée ({TermArticle})."),
        };

    /// <summary>The date a termination would take effect if its notice were received on <paramref name="receivedOn"/> (art. 18).</summary>
    public ComputedDeadline EarliestTerminationFor(DateOnly receivedOn) =>
        Deadlines.MonthsAfter(receivedOn, Terms.NoticePeriodMonths);

    // ---- Amendments (art. 17) ----

    /// <summary>Records a signed amendment (avenant) and applies what it changes, keeping before → after.</summary>
    public Result<Amendment> Amend(AmendmentRequest request, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (SignedOn is not { } signedOn)
        {
            return new DomainError("amendment.unsigned", "Une convention non signée se corrige directement ; un avenant suppose une convention signée.");
        }

        Require(errors, request.Summary, 2000, "Summary", "Résumez l'objet de l'avenant (2 000 caractères au plus).");
        if (request.SignedOn > today)
        {
            errors.Add(new("amendment.signed-on.future", "La date de signature de l'avenant ne peut pas être dans le futur.", "SignedOn"));
        }

        if (request.SignedOn < signedOn)
        {
            errors.Add(new("amendment.signed-on.before", $"L'avenant ne peut pas être signé avant la convention ({FrenchText.Date(signedOn)}).", "SignedOn"));
        }
        else if (!IsInForceOn(request.SignedOn))
        {
            // art. 17: "au cours de sa période de validité, la convention peut être modifiée par avenant"
            errors.Add(request.NewEndDate is not null
                ? new("amendment.end-date.ended", $"La convention a pris fin le {FrenchText.Date(LastDayInForce!.Value)} : un avenant ne peut plus en repousser la date de fin ; une nouvelle convention est nécessaire ({TermArticle}).", "NewEndDate")
                : new("amendment.not-in-force", $"Un avenant doit être signé pendant la période de validité de la convention ({TermArticle}).", "SignedOn"));
        }

        if (_amendments.Count > 0 && request.SignedOn < _amendments.Max(a => a.SignedOn))
        {
            errors.Add(new("amendment.order", "Un avenant ne peut pas être daté avant l'avenant précédent.", "SignedOn"));
        }

        var changes = new List<AmendmentChange>();
        var terms = Terms;
        if (request.NewEndDate is { } newEnd)
        {
            if (newEnd <= request.SignedOn)
            {
                errors.Add(new("amendment.end-date.before", "La nouvelle date de fin doit être postérieure à la signature de l'avenant.", "NewEndDate"));
            }
            else if (Termination is not null)
            {
                errors.Add(new("amendment.end-date.terminated", $"Une résiliation a été notifiée : elle prend effet le {FrenchText.Date(Termination.EffectiveOn)} ; un avenant ne peut pas repousser la date de fin.", "NewEndDate"));
            }
            else if (newEnd == ScheduledLastDay)
            {
                errors.Add(new("amendment.end-date.same", "La nouvelle date de fin est celle déjà en vigueur.", "NewEndDate"));
            }
            else
            {
                changes.Add(new("Dernier jour en vigueur", FrenchText.Date(ScheduledLastDay!.Value), FrenchText.Date(newEnd)));
            }
        }

        // The changed terms obey the same rules as terms typed on the agreement: one rule, reported on the amendment's field.
        var amended = terms with
        {
            ManagementFeeCapBasisPoints = request.NewManagementFeeCapBasisPoints ?? terms.ManagementFeeCapBasisPoints,
            NoticePeriodMonths = request.NewNoticePeriodMonths ?? terms.NoticePeriodMonths,
            DocumentsLeadDays = request.NewDocumentsLeadDays ?? terms.DocumentsLeadDays,
            MinutesReviewDays = request.NewMinutesReviewDays ?? terms.MinutesReviewDays,
        };
        var changedTerms = new Dictionary<string, string>();
        if (request.NewManagementFeeCapBasisPoints is { } cap)
        {
            changedTerms[nameof(AgreementTerms.ManagementFeeCapBasisPoints)] = "NewManagementFeeCap";
            changes.Add(new("Plafond des frais de gestion", terms.FeeCapText, FrenchText.Percent(cap)));
        }

        if (request.NewNoticePeriodMonths is { } notice)
        {
            changedTerms[nameof(AgreementTerms.NoticePeriodMonths)] = nameof(AmendmentRequest.NewNoticePeriodMonths);
            changes.Add(new("Préavis de résiliation", FrenchText.MonthsCount(terms.NoticePeriodMonths), FrenchText.MonthsCount(notice)));
        }

        if (request.NewDocumentsLeadDays is { } lead)
        {
            changedTerms[nameof(AgreementTerms.DocumentsLeadDays)] = nameof(AmendmentRequest.NewDocumentsLeadDays);
            changes.Add(new("Délai d'envoi des documents de travail", FrenchText.DayCount(terms.DocumentsLeadDays), FrenchText.DayCount(lead)));
        }

        if (request.NewMinutesReviewDays is { } review)
        {
            changedTerms[nameof(AgreementTerms.MinutesReviewDays)] = nameof(AmendmentRequest.NewMinutesReviewDays);
            changes.Add(new("Délai de relecture du compte rendu", FrenchText.DayCount(terms.MinutesReviewDays), FrenchText.DayCount(review)));
        }

        foreach (var refused in amended.Validate())
        {
            if (refused.Field is { } field && changedTerms.TryGetValue(field, out var amendmentField))
            {
                errors.Add(refused with { Field = amendmentField });
            }
        }

        terms = amended;

        if (request.CeilingYear is not null || request.NewCeilingCents is not null)
        {
            if (request.CeilingYear is not { } year || year is < 1990 or > 2200)
            {
                errors.Add(new("amendment.ceiling.year", "Indiquez l'année du plafond modifié.", "CeilingYear"));
            }
            else if (request.NewCeilingCents is not { } amount || amount < 0)
            {
                errors.Add(new("amendment.ceiling.amount", "Indiquez le nouveau plafond annuel, positif ou nul.", "NewCeiling"));
            }
            else
            {
                var before = _yearlyCeilings.FirstOrDefault(c => c.Year == year);
                changes.Add(new($"Plafond annuel {year}", before is null ? "non fixé" : FrenchText.Euros(before.AmountCents), FrenchText.Euros(amount)));
            }
        }

        foreach (var (seatId, weight) in request.NewSeatWeights)
        {
            var seat = _seats.FirstOrDefault(s => s.Id == seatId);
            if (seat is null)
            {
                errors.Add(new("amendment.seat.unknown", "Ce siège n'existe pas dans cette convention.", "NewSeatWeights"));
            }
            else if (weight is < 1 or > 100)
            {
                errors.Add(new("amendment.seat.weight", "Le nombre de voix d'un siège est compris entre 1 et 100.", "NewSeatWeights"));
            }
            else if (weight != seat.VoteWeight)
            {
                changes.Add(new($"Voix du siège de {seat.Holder}", FrenchText.Plural(seat.VoteWeight, "voix", "voix"), FrenchText.Plural(weight, "voix", "voix")));
            }
        }

        if (errors.Count == 0 && changes.Count == 0)
        {
            errors.Add(new("amendment.empty", "Indiquez au moins une modification apportée par l'avenant.", "Summary"));
        }

        if (errors.Count > 0)
        {
            return Result<Amendment>.Failure(errors);
        }

        // Every guard passed: apply all the changes together.
        if (request.NewEndDate is { } end)
        {
            AmendedEndDate = end;
        }

        Terms = terms;
        if (request.CeilingYear is { } y && request.NewCeilingCents is { } c)
        {
            var existing = _yearlyCeilings.FirstOrDefault(x => x.Year == y);
            if (existing is null)
            {
                _yearlyCeilings.Add(new YearlyCeiling(y, c));
            }
            else
            {
                existing.Change(c);
            }
        }

        foreach (var (seatId, weight) in request.NewSeatWeights)
        {
            _seats.First(s => s.Id == seatId).ChangeWeight(weight);
        }

        var amendment = new Amendment(_amendments.Count + 1, request.SignedOn, request.Summary.Trim(), request.NewEndDate, changes);
        _amendments.Add(amendment);
        Touch();
        return amendment;
    }

    // ---- Termination (art. 18) ----

    /// <summary>
    /// Records a written notice of termination from a party. It takes effect at the end of the notice period counted
    /// from receipt (art. 18); a later date may be requested, never an earlier one. Engaged actions go on.
    /// </summary>
    public Result<Termination> RecordTermination(Guid partyId, DateOnly receivedOn, DateOnly? requestedEffectiveOn, string? reason, DateOnly today)
    {
        if (Termination is not null)
        {
            return new DomainError("termination.exists", $"Une résiliation a déjà été notifiée le {FrenchText.Date(Termination.ReceivedOn)}.");
        }

        var errors = new List<DomainError>();
        if (_parties.All(p => p.Id != partyId))
        {
            errors.Add(new("termination.party", "Choisissez la partie qui a dénoncé la convention.", "PartyId"));
        }

        if (receivedOn > today)
        {
            errors.Add(new("termination.received.future", "La date de réception ne peut pas être dans le futur.", "ReceivedOn"));
        }
        else
        {
            switch (StatusOn(receivedOn))
            {
                case AgreementStatus.Draft:
                    errors.Add(new("termination.not-in-force", "La convention n'était pas en vigueur à cette date : elle ne peut pas être dénoncée.", "ReceivedOn"));
                    break;
                case AgreementStatus.Ended:
                    errors.Add(new("termination.ended", $"La convention a pris fin le {FrenchText.Date(LastDayInForce!.Value)} : elle ne peut plus être dénoncée.", "ReceivedOn"));
                    break;
                case AgreementStatus.Void:
                    errors.Add(new("termination.void", "La convention est caduque : elle ne peut plus être dénoncée.", "ReceivedOn"));
                    break;
            }
        }

        if (reason is { Length: > 2000 })
        {
            errors.Add(new("termination.reason", "Le motif ne dépasse pas 2 000 caractères.", "Reason"));
        }

        var earliest = EarliestTerminationFor(receivedOn);
        if (requestedEffectiveOn is { } requested && requested < earliest.Date)
        {
            errors.Add(new("termination.too-early",
                $"La résiliation ne peut pas prendre effet avant le {FrenchText.Date(earliest.Date)} : délai minimal de {FrenchText.MonthsCount(Terms.NoticePeriodMonths)} à compter de la réception le {FrenchText.Date(receivedOn)} ({Terms.NoticePeriodArticle}).",
                "RequestedEffectiveOn"));
        }

        if (errors.Count > 0)
        {
            return Result<Termination>.Failure(errors);
        }

        var requestedOrNull = requestedEffectiveOn == earliest.Date ? null : requestedEffectiveOn;
        Termination = new Termination(partyId, receivedOn, earliest.Date, requestedOrNull, Blank(reason));
        Touch();
        return Termination;
    }

    /// <summary>Records that the agreement became void (caduque), e.g. for unauthorised use of the ministries' logos (art. 11 of the seed).</summary>
    public Result DeclareVoid(DateOnly on, string reason, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (VoidOn is not null)
        {
            return new DomainError("void.exists", "La caducité de la convention est déjà constatée.");
        }

        if (on > today)
        {
            errors.Add(new("void.future", "La date de caducité ne peut pas être dans le futur.", "On"));
        }
        else if (!IsInForceOn(on))
        {
            errors.Add(new("void.not-in-force", "La convention n'était pas en vigueur à cette date.", "On"));
        }

        Require(errors, reason, 2000, "Reason", "Indiquez le motif de la caducité (2 000 caractères au plus).");
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        VoidOn = on;
        VoidReason = reason.Trim();
        Touch();
        return Result.Success();
    }

    public Party? PartyById(Guid id) => _parties.FirstOrDefault(p => p.Id == id);

    private void Touch() => Version++;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Require(List<DomainError> errors, string? value, int maxLength, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > maxLength)
        {
            errors.Add(new($"required.{field}", message, field));
        }
    }
}
