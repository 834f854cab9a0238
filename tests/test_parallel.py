"""Work spread over processes: the same results as in one, and failures that say what failed."""
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

from archive.site.parallel import Background, parallel_map


def square(number):
    return number * number


def test_parallel_map_gives_results_in_input_order_with_one_process_or_several():
    numbers = list(range(100))
    assert list(parallel_map(square, numbers, workers=2, serial_below=1)) == list(parallel_map(square, numbers, workers=1)) == [n * n for n in numbers]


@pytest.mark.parametrize("workers", [1, 2])
def test_background_work_sees_what_was_set_up_before_and_returns_its_value(workers):
    shared = {"not pickled": lambda: "它"}  # a forked process shares it; nothing is pickled but the result
    with Background(lambda: (shared["not pickled"](), os.getpid()), workers) as work:
        value, pid = work.result()
    assert value == "它"
    assert (pid != os.getpid()) == (workers > 1)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_error_in_background_work_is_raised_where_its_result_is_asked_for(workers):
    def fail():
        raise ValueError("坏了")

    with Background(fail, workers) as work:
        with pytest.raises(ValueError, match="坏了"):
            work.result()


def test_background_work_that_dies_is_an_error_not_a_hang():
    with Background(lambda: os._exit(3), 2) as work:
        with pytest.raises(RuntimeError, match="code 3"):
            work.result()


def pool_squares():
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        return list(pool.map(square, range(4)))


def test_background_work_may_start_a_pool_of_its_own():
    """The search index spreads its partitions over a pool, also when this process started a
    pool of its own before (a fork server it started would be unusable in the background)."""
    assert pool_squares() == [0, 1, 4, 9]
    with Background(pool_squares, 2) as work:
        assert work.result() == [0, 1, 4, 9]
