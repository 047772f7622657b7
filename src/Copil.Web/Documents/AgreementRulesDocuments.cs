using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Communication;
using Copil.Domain.DigitalTools;
using Copil.Web.Features.Communication;

namespace Copil.Web.Documents;

/// <summary>
/// The documents of art. 11 and 12: the letter authorising the use of a ministry's logo, and a digital tool's GDPR and
/// algorithm-transparency sheets. Plain text, no logo (a letter generated here is not a ministry's letterhead), and the
/// partnership mention on every page (art. 11).
/// </summary>
public static class AgreementRulesDocuments
{
    public static Doc AuthorisationLetter(Agreement agreement, LogoAuthorization a, IReadOnlyDictionary<Guid, SheetRef> sheets, DateOnly today)
    {
        var ministry = agreement.PartyById(a.MinistryPartyId);
        var blocks = new List<DocBlock>
        {
            new DocFields(
            [
                ("Ministère", ministry is null ? "" : $"{ministry.Name} ({ministry.ShortName})"),
                ("Direction", ministry?.ReviewingDirectorateName ?? ministry?.ReviewingDirectorate ?? ""),
                ("Demandeur", $"{a.RequestingOrganisation} — demande de {a.RequestedBy} du {FrenchText.Date(a.RequestedOn)}"),
                ("Convention", $"{agreement.Title} ({agreement.Reference})"),
            ]),
        };
        if (a.Status == LogoAuthorizationStatus.Granted)
        {
            blocks.Add(new DocParagraph(
                $"En application de l'article 11 de la convention, le {ministry?.ShortName} autorise expressément l'usage de son logo sur les supports décrits ci-dessous, "
                + $"du {FrenchText.Date(a.ValidFrom!.Value)} au {FrenchText.Date(a.ValidUntil!.Value)} inclus. Hors de cette période, et sur tout autre support, le logo ne peut pas être utilisé : "
                + "toute utilisation non autorisée des logos ministériels rend la convention caduque."));
            if (a.Conditions is not null)
            {
                blocks.Add(new DocHeading("Conditions d'usage"));
                blocks.Add(new DocParagraph(a.Conditions));
            }
        }
        else
        {
            blocks.Add(new DocParagraph(a.Status switch
            {
                LogoAuthorizationStatus.Refused => $"Le {ministry?.ShortName} refuse l'usage de son logo sur les supports décrits ci-dessous. Motif : {a.RefusalReason}",
                LogoAuthorizationStatus.Withdrawn => "Demande retirée par le demandeur : aucune autorisation n'est accordée.",
                _ => $"Demande en attente de la décision du {ministry?.ShortName} : aucune autorisation n'est accordée à ce jour. Période demandée : du {FrenchText.Date(a.WantedFrom)} au {FrenchText.Date(a.WantedUntil)}.",
            }));
        }

        blocks.Add(new DocHeading("Supports concernés"));
        blocks.Add(new DocTable(["Support", "Type", "Actions", "Description"],
            [.. a.Materials.Select(m => (IReadOnlyList<string>)[m.Title, LogoAuthorization.KindLabel(m.Kind),
                string.Join(", ", m.ActionSheetIds.Select(id => sheets.TryGetValue(id, out var s) ? $"n° {s.Number}" : "")), m.Description ?? ""])],
            [25, 15, 12, 48]));
        if (a.DecidedOn is { } decided && a.Status != LogoAuthorizationStatus.Withdrawn)
        {
            blocks.Add(new DocParagraph($"Décision du {FrenchText.Date(decided)}, enregistrée par {a.DecidedBy}. Ce document ne porte aucun logo ni aucune signature : il reprend la décision enregistrée dans Copil.", Muted: true));
        }

        var title = a.Status == LogoAuthorizationStatus.Granted ? $"Autorisation d'usage du logo n° {a.Number}" : $"Demande d'autorisation d'usage du logo n° {a.Number}";
        return new Doc(SheetDocuments.Header(agreement), title, $"Article 11 — édité le {FrenchText.Date(today)}", blocks, SheetDocuments.Footer(agreement));
    }

    public static Doc ToolSheets(Agreement agreement, DigitalTool tool, SheetRef sheet, DateOnly today)
    {
        var gdpr = tool.Gdpr;
        var algorithm = tool.Algorithm;
        var blocks = new List<DocBlock>
        {
            new DocFields(
            [
                ("Outil", tool.Name),
                ("Adresse", tool.Address ?? "—"),
                ("Action qui le finance", $"{sheet.Label} ({sheet.CarrierOrganisation})"),
                ("Description", tool.Description ?? "—"),
                ("État", DigitalTool.StatusLabel(tool.StatusIn(agreement))),
                ("Version des fiches", tool.SheetsRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]),
            new DocHeading("Fiche RGPD — registre des activités de traitement (art. 30 du RGPD)"),
            new DocFields([.. gdpr.Entries().Select(e => (e.Label, e.Value ?? "à renseigner")),
                ("Analyse d'impact (AIPD, art. 35 du RGPD)", gdpr.DpiaRequired ? gdpr.DpiaSummary ?? "requise, à renseigner" : "non requise")]),
            new DocHeading("Fiche de transparence des algorithmes publics (art. R311-3-1-2 du CRPA)"),
            algorithm.MakesDecisions switch
            {
                true => new DocFields([.. algorithm.Entries().Select(e => (e.Label, e.Value ?? "à renseigner"))]),
                false => new DocFields([("Application", "Sans objet"), ("Motif", algorithm.NotApplicableReason ?? "à renseigner")]),
                null => new DocParagraph("À renseigner : l'outil utilise-t-il un algorithme pour prendre ou préparer des décisions individuelles ?"),
            },
            new DocHeading("Accord des ministères (art. 12)"),
            new DocTable(["Ministère", "Réponse", "Fiches", "Date", "Par", "Commentaire"],
                [.. DigitalTool.Ministries(agreement).Select(m => tool.CurrentAnswerOf(m.Id) is { } answer
                    ? (IReadOnlyList<string>)[m.ShortName, answer.Verdict == ToolVerdict.Approved ? "accord" : "refus", $"version {answer.SheetsRevision}", FrenchText.Date(answer.On), answer.By, answer.Comment ?? ""]
                    : [m.ShortName, "attendue", "", "", "", ""])],
                [14, 12, 11, 16, 25, 22]),
        };
        if (tool.OnlineOn is { } online)
        {
            blocks.Add(new DocParagraph(tool.WentOnlineWithoutApproval
                ? $"Mis en ligne le {FrenchText.Date(online)} sans l'accord de chaque ministère : enregistré comme non conforme (art. 12)."
                : $"Mis en ligne le {FrenchText.Date(online)}, après l'accord de chaque ministère."));
        }

        return new Doc(SheetDocuments.Header(agreement), $"Outil numérique « {tool.Name} »", $"Fiches RGPD et de transparence (article 12) — éditées le {FrenchText.Date(today)}", blocks, SheetDocuments.Footer(agreement));
    }
}
