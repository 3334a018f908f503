package dev.callscope.demo;

import dev.callscope.demo.FunctionProfile.Kind;
import java.util.List;
import java.util.random.RandomGenerator;

/** Error texts as Python workloads on a GPU platform produce them. */
final class Errors {

    private static final List<String> GPU = List.of(
            "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.11 GiB total capacity)",
            "RuntimeError: CUDA error: an illegal memory access was encountered",
            "ValueError: Input length of input_ids is 8193, but max_length is set to 8192",
            "RuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1970, unhandled system error");
    private static final List<String> GENERIC = List.of(
            "ConnectionResetError: [Errno 104] Connection reset by peer",
            "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: https://api.internal/v1/items",
            "KeyError: 'prompt'",
            "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
            "botocore.exceptions.ClientError: An error occurred (SlowDown) when calling the PutObject operation",
            "AssertionError: expected 3 channels, got 4");
    private static final List<String> INIT = List.of(
            "ImportError: libcudnn.so.9: cannot open shared object file: No such file or directory",
            "ModuleNotFoundError: No module named 'flash_attn'",
            "Container failed to start: image pull failed (manifest unknown)",
            "OSError: [Errno 28] No space left on device: '/root/.cache/huggingface'");

    private Errors() {}

    static String failure(Kind kind, RandomGenerator r) {
        boolean gpu = kind == Kind.INFERENCE || kind == Kind.TRAINING;
        List<String> pool = gpu && r.nextBoolean() ? GPU : GENERIC;
        return pool.get(r.nextInt(pool.size()));
    }

    static String initFailure(RandomGenerator r) {
        return INIT.get(r.nextInt(INIT.size()));
    }
}
