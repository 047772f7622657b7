using Copil.Domain.Agreements;

namespace Copil.Domain.Tests.Agreements;

/// <summary>Builds agreements shaped like the seed (ministries + OPCO Mobilités, signed 1 December 2020 for 3 years).</summary>
internal sealed class AgreementBuilder
{
    private DateOnly? _signedOn = new(2020, 12, 1);
    private int _termMonths = 36;
    private AgreementTerms _terms = AgreementTerms.Seed;
    private EndOfTermRule _rule = EndOfTermRule.DayBeforeAnniversary;

    public static DateOnly Today { get; } = new(2021, 6, 1);

    public AgreementBuilder SignedOn(DateOnly? date)
    {
        _signedOn = date;
        return this;
    }

    public AgreementBuilder ForMonths(int months)
    {
        _termMonths = months;
        return this;
    }

    public AgreementBuilder WithTerms(AgreementTerms terms)
    {
        _terms = terms;
        return this;
    }

    public AgreementBuilder EndingOnAnniversary()
    {
        _rule = EndOfTermRule.OnAnniversary;
        return this;
    }

    public Agreement Build()
    {
        var agreement = Agreement.Create(new AgreementDetails
        {
            Reference = "OPCO-MOBILITES-2020",
            Title = "Convention de coopération MENJS, MESRI et OPCO Mobilités",
            SignedOn = _signedOn,
            TermMonths = _termMonths,
            EndOfTermRule = _rule,
        }, _terms, new DateOnly(2030, 1, 1)).Value;
        var menjs = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'éducation nationale, de la jeunesse et des sports", "MENJS", "DGESCO", "Direction générale de l'enseignement scolaire").Value;
        var mesri = agreement.AddParty(PartyKind.StateMinistry, "Ministère de l'enseignement supérieur, de la recherche et de l'innovation", "MESRI", "DGESIP", null).Value;
        var opco = agreement.AddParty(PartyKind.Opco, "OPCO Mobilités", "OPCO Mobilités", null, null).Value;
        agreement.AddSeat(opco.Id, "Représentant OPCO 1", null, 1, isBoardMember: true);
        agreement.AddSeat(opco.Id, "Représentant OPCO 2", null, 1, isBoardMember: false);
        agreement.AddSeat(menjs.Id, "Représentant MENJS", null, 1, isBoardMember: false);
        agreement.AddSeat(mesri.Id, "Représentant MESRI", null, 1, isBoardMember: false);
        return agreement;
    }
}
