using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Shared;

[IgnoreAntiforgeryToken]
public sealed class StatusCodeModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            404 => ("Page introuvable", "Cette page n'existe pas, ou vous n'y avez pas accès."),
            403 => ("Accès refusé", "Votre rôle dans cette convention ne permet pas cette action."),
            400 => ("Demande invalide", "La demande n'a pas pu être traitée : rechargez la page et recommencez."),
            413 => ("Envoi trop volumineux", "Le fichier dépasse la taille autorisée (10 Mo au plus) : rien n'a été enregistré."),
            _ => ("Erreur", "La demande n'a pas pu être traitée."),
        };
        if (code == 400 && HttpContext.Items[Infrastructure.Web.BadInputMiddleware.MessageKey] is string why)
        {
            Message = $"{why} Rien n'a été enregistré : revenez à la page précédente, vos saisies y sont conservées par le navigateur.";
        }
    }
}
