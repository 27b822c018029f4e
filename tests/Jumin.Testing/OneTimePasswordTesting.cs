using Jumin.Registry;
using Jumin.Registry.Accounts;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.Testing;

/// <summary>Second-factor codes in tests, where one user logs in many times a minute.</summary>
public static class OneTimePasswordTesting
{
    /// <summary>
    /// Moves the node's one-time-password clock on one 30-second step and returns the code an authenticator app
    /// shows then: each code is of a newer step than the last, so none is refused as a replay.
    /// </summary>
    public static string NextCode(this FakeClock oneTimePasswordClock, RegistryNode node, string secret)
    {
        oneTimePasswordClock.Advance(Duration.FromSeconds(OneTimePasswords.StepSeconds));
        return node.OneTimePasswords.Now(secret);
    }
}
