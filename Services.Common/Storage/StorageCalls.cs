using Azure;

namespace HeadCt.Services.Common.Storage;

/// <summary>Maps the Azure SDK's failure shapes (including its retry policy's AggregateException) to one type.</summary>
public static class StorageCalls
{
    public static async Task<T> Run<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new StorageUnavailableException("Azure Storage is unavailable.", exception);
        }
    }

    public static async Task Run(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new StorageUnavailableException("Azure Storage is unavailable.", exception);
        }
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException or HttpRequestException or TimeoutException => true,
        // The SDK's retry policy gathers each try's failure; transport failures and per-try network timeouts
        // (cancellations inside the policy) mean "unavailable".
        AggregateException aggregate => aggregate.InnerExceptions.All(inner => inner is OperationCanceledException || IsUnavailable(inner)),
        _ => false,
    };
}
