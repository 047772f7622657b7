using Copil.Domain.Agreements;

namespace Copil.Web.Features.Agreements;

/// <summary>French labels of the agreement's enumerations.</summary>
public static class Labels
{
    public static string Status(AgreementStatus status) => status switch
    {
        AgreementStatus.Draft => "En préparation",
        AgreementStatus.InForce => "En vigueur",
        AgreementStatus.UnderNotice => "En vigueur, résiliation notifiée",
        AgreementStatus.Ended => "Terminée",
        AgreementStatus.Void => "Caduque",
        _ => status.ToString(),
    };

    public static string PartyKind(PartyKind kind) => kind switch
    {
        Copil.Domain.Agreements.PartyKind.StateMinistry => "Ministère",
        Copil.Domain.Agreements.PartyKind.Opco => "Opérateur de compétences",
        Copil.Domain.Agreements.PartyKind.ProfessionalBranch => "Branche professionnelle",
        Copil.Domain.Agreements.PartyKind.Association => "Association",
        _ => "Autre",
    };

    public static string Renewal(RenewalPolicy policy) => policy switch
    {
        RenewalPolicy.None => "pas de tacite reconduction",
        RenewalPolicy.OnPartnerRequest => "renouvelée à la demande du partenaire",
        _ => "prolongée par avenant",
    };
}
