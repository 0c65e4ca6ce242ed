package dev.footfall;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Function;

/** Test wrappers that pass every call to a target, to watch or replace a few of them. */
final class Delegating {
  private Delegating() {}

  /**
   * Returns {@code target} through {@code type}; a call for which {@code replace}, given the
   * method's name, answers something other than null gets that answer instead.
   */
  static <T> T of(Class<T> type, T target, Function<String, Object> replace) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          Object replaced = replace.apply(method.getName());
          if (replaced != null) {
            return replaced;
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }
}
