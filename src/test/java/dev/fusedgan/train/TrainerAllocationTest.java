package dev.fusedgan.train;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.gan.GeneratorObjective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer allocates every tensor when it is built, so a step allocates no backend memory: on the GPU
 * that means no cuMemAlloc in the training loop. Checked through any backend by counting allocate calls.
 */
class TrainerAllocationTest {

    /** The CPU reference behind a proxy that counts {@code allocate} calls. */
    private static Backend counting(AtomicInteger allocations) {
        CpuBackend cpu = new CpuBackend();
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
            if (method.getName().equals("allocate")) allocations.incrementAndGet();
            try {
                return method.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(GeneratorObjective.class)
    void stepsAfterConstructionAllocateNothing(GeneratorObjective objective) {
        AtomicInteger allocations = new AtomicInteger();
        TrainConfig config = TrainConfig.defaults().withSteps(20).withBatch(16).withHidden(List.of(8, 8))
                .withObjectives(objective, objective.defaultDiscriminator()).withDWarmup(3);
        try (Backend be = counting(allocations);
             Trainer trainer = new Trainer(be, config, GaussianMixture.ring(config.seed()))) {
            int built = allocations.get();
            assertTrue(built > 0, "the trainer must allocate its tensors when it is built");
            for (int s = 0; s < config.steps(); s++) trainer.step();
            trainer.generateEvaluationSamples();
            assertEquals(built, allocations.get(), "allocations during training steps and evaluation");
        }
    }
}
