using Copil.Domain.Common;

namespace Copil.Domain.Tests.Committee;

public sealed class TextDiffTests
{
    [Fact]
    public void Two_versions_of_minutes_are_compared_line_by_line()
    {
        var lines = TextDiff.Lines("Présences\n- MEN : présent\n1. Forum\nAdopté", "Présences\n- MEN : représenté\n1. Forum\nAdopté\nProchaine réunion en novembre.");

        Assert.Equal(
            [(DiffKind.Same, "Présences"), (DiffKind.Removed, "- MEN : présent"), (DiffKind.Added, "- MEN : représenté"), (DiffKind.Same, "1. Forum"), (DiffKind.Same, "Adopté"), (DiffKind.Added, "Prochaine réunion en novembre.")],
            lines.Select(l => (l.Kind, l.Text)));
    }

    [Fact]
    public void Identical_texts_have_no_change()
    {
        Assert.All(TextDiff.Lines("a\nb", "a\nb"), l => Assert.Equal(DiffKind.Same, l.Kind));
    }
}
