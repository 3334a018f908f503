package dev.callscope.demo;

import dev.callscope.demo.FunctionProfile.Kind;
import java.util.List;

/** The demo's apps and functions: a mix that looks like a real GPU-serverless tenant. */
final class FunctionCatalog {

    private FunctionCatalog() {}

    // spotless:off
    // app, name, kind, gpu, n, cpu, mem, share, median s, sigma, cold s, headroom, idle s,
    // timeout s, fail, init fail, terminate, retries, diurnal, burst share
    static final List<FunctionProfile> FUNCTIONS = List.of(
            f("llm-serving", "generate", Kind.INFERENCE, "H100", 1, 8, 65536, 14, 2.5, 0.8, 28, 1.6, 120, 300, 0.010, 0.004, 0.004, 2, 0.6, 0.20),
            f("llm-serving", "embed", Kind.INFERENCE, "L40S", 1, 4, 32768, 16, 0.15, 0.5, 12, 2.5, 60, 60, 0.004, 0.002, 0.001, 1, 0.6, 0.15),
            f("llm-serving", "rerank", Kind.INFERENCE, "A10G", 1, 4, 16384, 8, 0.3, 0.6, 9, 2.5, 60, 60, 0.006, 0.002, 0.001, 1, 0.6, 0.10),
            f("llm-serving", "chat_stream", Kind.INFERENCE, "H100", 2, 16, 131072, 6, 8, 0.9, 45, 1.4, 300, 600, 0.015, 0.005, 0.02, 1, 0.7, 0.25),
            f("speech", "transcribe", Kind.INFERENCE, "L40S", 1, 8, 32768, 7, 6, 0.9, 20, 1.8, 120, 900, 0.012, 0.003, 0.006, 2, 0.5, 0.20),
            f("speech", "diarize", Kind.INFERENCE, "A100-40GB", 1, 8, 49152, 3, 12, 0.8, 25, 1.8, 120, 900, 0.02, 0.004, 0.004, 2, 0.5, 0.15),
            f("speech", "tts", Kind.INFERENCE, "T4", 1, 4, 16384, 5, 1.2, 0.6, 15, 2, 60, 120, 0.008, 0.003, 0.002, 1, 0.6, 0.30),
            f("vision", "caption_image", Kind.INFERENCE, "A10G", 1, 4, 24576, 6, 0.9, 0.7, 14, 2, 60, 120, 0.008, 0.002, 0.002, 1, 0.5, 0.35),
            f("vision", "sdxl_generate", Kind.INFERENCE, "A100-80GB", 1, 8, 65536, 4, 9, 0.5, 35, 1.3, 180, 300, 0.02, 0.006, 0.01, 1, 0.7, 0.40),
            f("vision", "detect_objects", Kind.INFERENCE, "T4", 1, 2, 8192, 5, 0.25, 0.5, 10, 2.5, 60, 60, 0.005, 0.002, 0.001, 1, 0.4, 0.10),
            f("web", "api_health", Kind.WEB, "", 0, 0.25f, 256, 5, 0.008, 0.4, 1.2, 3, 300, 10, 0.001, 0.0005, 0.0005, 0, 0.1, 0.0),
            f("web", "webhook_stripe", Kind.WEB, "", 0, 0.5f, 512, 3, 0.12, 0.7, 1.8, 3, 300, 30, 0.01, 0.001, 0.001, 3, 0.5, 0.10),
            f("web", "auth_callback", Kind.WEB, "", 0, 0.5f, 512, 3, 0.05, 0.5, 1.5, 3, 300, 30, 0.006, 0.001, 0.001, 1, 0.7, 0.05),
            f("web", "render_report", Kind.WEB, "", 0, 2, 4096, 2, 3, 0.8, 4, 2, 120, 120, 0.02, 0.002, 0.005, 1, 0.6, 0.05),
            f("data-pipeline", "ingest_shard", Kind.BATCH, "", 0, 4, 8192, 5, 40, 0.6, 6, 1.2, 60, 600, 0.015, 0.003, 0.002, 3, 0.2, 0.60),
            f("data-pipeline", "tokenize_docs", Kind.BATCH, "", 0, 8, 16384, 4, 25, 0.5, 5, 1.2, 60, 300, 0.01, 0.002, 0.002, 3, 0.1, 0.70),
            f("data-pipeline", "embed_corpus_batch", Kind.BATCH, "A100-40GB", 1, 8, 32768, 2, 90, 0.4, 30, 1.1, 60, 900, 0.02, 0.005, 0.005, 2, 0.1, 0.80),
            f("data-pipeline", "nightly_export", Kind.PIPELINE, "", 0, 2, 8192, 0.6, 200, 0.5, 5, 1.2, 30, 1800, 0.03, 0.003, 0.01, 2, 0.0, 0.90),
            f("research", "finetune_lora", Kind.TRAINING, "H100", 8, 32, 262144, 0.02, 5400, 0.6, 90, 2, 30, 21600, 0.08, 0.02, 0.05, 1, 0.0, 0.0),
            f("research", "pretrain_step", Kind.TRAINING, "H100", 8, 64, 524288, 0.004, 14000, 0.4, 120, 2, 30, 28800, 0.1, 0.03, 0.08, 0, 0.0, 0.0),
            f("research", "eval_suite", Kind.BATCH, "A100-80GB", 2, 16, 131072, 0.3, 420, 0.7, 60, 1.5, 60, 3600, 0.05, 0.01, 0.02, 1, 0.2, 0.50),
            f("research", "notebook_kernel", Kind.TRAINING, "A10G", 1, 4, 32768, 0.05, 1800, 1.0, 40, 3, 600, 7200, 0.03, 0.01, 0.2, 0, 0.8, 0.0),
            f("agents", "sandbox_exec", Kind.PIPELINE, "", 0, 1, 2048, 6, 4, 1.2, 2.5, 1.5, 90, 300, 0.04, 0.003, 0.03, 0, 0.6, 0.30),
            f("agents", "browse_page", Kind.WEB, "", 0, 2, 4096, 4, 2.2, 0.9, 3, 1.8, 90, 60, 0.05, 0.003, 0.01, 2, 0.6, 0.20));
    // spotless:on

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static FunctionProfile f(
            String app,
            String name,
            Kind kind,
            String gpu,
            int gpuCount,
            double cpu,
            int mem,
            double share,
            double median,
            double sigma,
            double cold,
            double headroom,
            double idle,
            double timeout,
            double fail,
            double initFail,
            double terminate,
            int retries,
            double diurnal,
            double bursts) {
        return new FunctionProfile(
                app,
                name,
                kind,
                gpu,
                gpuCount,
                (float) cpu,
                mem,
                share,
                median,
                sigma,
                cold,
                headroom,
                idle,
                timeout,
                fail,
                initFail,
                terminate,
                retries,
                diurnal,
                bursts);
    }
}
