using System.Diagnostics;
using System.Text;

namespace Copil.Web.Tests.Support;

/// <summary>
/// A real ClamAV daemon (Debian's clamd) on a socket of its own, loaded with one signature the test writes: the EICAR
/// test string, anywhere in a file. No download of the real signature base; starts in about a second.
/// </summary>
public sealed class TestClamd : IDisposable
{
    /// <summary>The 68-byte EICAR test file, which every antivirus treats as a virus by agreement.</summary>
    public static readonly byte[] Eicar = Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    public const string Signature = "Copil.Test.Eicar";

    private readonly string _folder = Directory.CreateTempSubdirectory("copil-clamd-").FullName;
    private readonly string _config;
    private Process _process = null!;
    private bool _disposed;

    public string Socket => Path.Combine(_folder, "clamd.sock");

    public TestClamd()
    {
        var database = Directory.CreateDirectory(Path.Combine(_folder, "db")).FullName;
        // A body signature (.ndb): the EICAR bytes at any offset of any file, archives' contents included.
        File.WriteAllText(Path.Combine(database, "copil.ndb"), $"{Signature}:0:*:{Convert.ToHexString(Eicar).ToLowerInvariant()}\n");
        _config = Path.Combine(_folder, "clamd.conf");
        File.WriteAllText(_config, $"Foreground yes\nDatabaseDirectory {database}\nLocalSocket {Socket}\nLogFile {Path.Combine(_folder, "clamd.log")}\n");
        Start();
    }

    /// <summary>Starts the daemon and waits until it listens.</summary>
    public void Start()
    {
        File.Delete(Socket);
        var clamd = File.Exists("/usr/sbin/clamd") ? "/usr/sbin/clamd" : "clamd";
        _process = Process.Start(new ProcessStartInfo(clamd, ["-c", _config]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("clamd did not start: install clamav-daemon (scripts/test.sh does).");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!File.Exists(Socket))
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"clamd did not open its socket: {File.ReadAllText(Path.Combine(_folder, "clamd.log"))}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Stops the daemon, as when the antivirus is down.</summary>
    public void Stop()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        // The factory disposes twice (Dispose and DisposeAsync).
        Stop();
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
