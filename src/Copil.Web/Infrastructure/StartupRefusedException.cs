namespace Copil.Web.Infrastructure;

/// <summary>
/// A setting that makes it unsafe or impossible to start (no public address in production, an unknown database
/// provider…). The entry points print its French message on one line and exit 1, instead of a stack trace.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message)
{
    /// <summary>Runs <paramref name="start"/>; a refusal is printed for the operator and answers exit code 1.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> start)
    {
        try
        {
            return await start();
        }
        catch (StartupRefusedException refusal)
        {
            await Console.Error.WriteLineAsync($"Copil ne peut pas démarrer : {refusal.Message}");
            return 1;
        }
    }
}
